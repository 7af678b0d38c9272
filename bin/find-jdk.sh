# Sourced by ./fxd, ./run-tests and .ci/run: sets JAVA_HOME to a JDK >= 21 or fails with a clear message.
# Order: JAVA_HOME when it is one, else the newest JDK under /usr/lib/jvm (or /opt/java).
fxd_java_major() {
    "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | head -n1
}

fxd_find_jdk() {
    if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/javac" ]; then
        local v; v=$(fxd_java_major "$JAVA_HOME/bin/java")
        if [ "${v:-0}" -ge 21 ] 2>/dev/null; then echo "$JAVA_HOME"; return 0; fi
    fi
    local best="" best_v=0 d v
    for d in /usr/lib/jvm/* /opt/java/*; do
        [ -x "$d/bin/javac" ] && [ ! -L "$d" ] || continue
        v=$(fxd_java_major "$d/bin/java")
        if [ "${v:-0}" -ge 21 ] 2>/dev/null && [ "$v" -gt "$best_v" ]; then best="$d"; best_v="$v"; fi
    done
    [ -n "$best" ] && echo "$best"
}

FXD_JDK="$(fxd_find_jdk || true)"
if [ -z "$FXD_JDK" ]; then
    echo "no JDK >= 21 found (JAVA_HOME=${JAVA_HOME:-unset}; searched /usr/lib/jvm and /opt/java)." >&2
    echo "Install one (for example Temurin 21 or 25) and/or point JAVA_HOME at it." >&2
    return 1 2>/dev/null || exit 1
fi
export JAVA_HOME="$FXD_JDK"
# Maven's bundled Guice touches sun.misc.Unsafe; JDK 24+ warns about it on every build unless allowed.
if [ "$(fxd_java_major "$JAVA_HOME/bin/java")" -ge 24 ] 2>/dev/null; then
    case " ${MAVEN_OPTS:-} " in *unsafe-memory-access*) ;; *) export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow" ;; esac
fi
