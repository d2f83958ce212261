package io.linkscope.normalize;

/** A value that fails its type's rules. The message states the reason and never repeats the raw value. */
public class InvalidValueException extends Exception {
    public InvalidValueException(String reason) {
        super(reason, null, false, false);
    }
}
