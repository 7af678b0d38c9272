package com.forexdiffusion.web.http;

import io.javalin.Javalin;

/** One area of the API: registers its endpoints. */
@FunctionalInterface
public interface Routes {
    void register(Javalin app);
}
