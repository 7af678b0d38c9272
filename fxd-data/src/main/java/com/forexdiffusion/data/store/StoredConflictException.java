package com.forexdiffusion.data.store;

import com.forexdiffusion.core.FxdException;

/** A written row would change a bar stored before the transaction, and the writer's policy is to refuse it. */
public final class StoredConflictException extends FxdException {
    StoredConflictException(String message) {
        super(message);
    }
}
