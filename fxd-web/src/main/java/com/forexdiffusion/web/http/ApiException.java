package com.forexdiffusion.web.http;

/** A request the API refuses: its HTTP status, the field at fault (or null) and a message for the user. */
public final class ApiException extends RuntimeException {
    private final int status;
    private final String field;
    private final java.util.Map<String, String> fields;

    private ApiException(int status, String field, String message) {
        this(status, field, message, field == null ? java.util.Map.of() : java.util.Map.of(field, message));
    }

    private ApiException(int status, String field, String message, java.util.Map<String, String> fields) {
        super(message);
        this.status = status;
        this.field = field;
        this.fields = fields;
    }

    /** 400 for a body with several bad fields: one message per field, in order. */
    public static ApiException badFields(java.util.Map<String, String> problems) {
        String first = problems.keySet().iterator().next();
        return new ApiException(400, first, problems.size() + " invalid field(s): " + String.join(", ", problems.keySet()),
                java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(problems)));
    }

    /** 400: one parameter or body field is missing or bad. */
    public static ApiException badField(String field, String message) {
        return new ApiException(400, field, "'" + field + "': " + message);
    }

    /** 404: the thing asked for does not exist. */
    public static ApiException notFound(String message) {
        return new ApiException(404, null, message);
    }

    /** 409: the request is valid but cannot be done now (a job already running). */
    public static ApiException conflict(String message) {
        return new ApiException(409, null, message);
    }

    public int status() {
        return status;
    }

    public String field() {
        return field;
    }

    /** Every bad field with its message (empty for errors not about fields). */
    public java.util.Map<String, String> fields() {
        return fields;
    }
}
