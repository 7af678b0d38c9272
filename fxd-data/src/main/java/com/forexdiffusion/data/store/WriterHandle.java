package com.forexdiffusion.data.store;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;

/**
 * The SQLite write connection as handed out by {@link Database#connection()}: a view that tells the database when
 * its holder closes it (once), so that a second request on the same thread can be refused instead of deadlocking.
 */
final class WriterHandle {
    private WriterHandle() {
    }

    static Connection wrap(Connection pooled, Runnable released) {
        boolean[] closed = {false};
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[]{Connection.class},
                (proxy, m, args) -> {
                    String name = m.getName();
                    if (name.equals("close")) {
                        if (!closed[0]) {
                            closed[0] = true;
                            // Released before the pool gets it back, so the next holder's mark is never overwritten.
                            released.run();
                            pooled.close();
                        }
                        return null;
                    }
                    if (name.equals("isClosed") && closed[0]) {
                        return true;
                    }
                    if (name.equals("unwrap") && args != null && args[0] == Connection.class) {
                        return proxy;
                    }
                    try {
                        return m.invoke(pooled, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
