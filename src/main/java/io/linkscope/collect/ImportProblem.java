package io.linkscope.collect;

/**
 * One rejected item or warning: where it is ({@code stores[3].attributes[2]}, {@code row 17, column
 * attribute_value}) and why. Never contains a raw identifier value.
 */
public record ImportProblem(String location, String reason) {
    @Override
    public String toString() {
        return location + ": " + reason;
    }
}
