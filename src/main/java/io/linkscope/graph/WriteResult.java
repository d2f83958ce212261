package io.linkscope.graph;

/** What a committed {@link WriteBatch} changed. A re-import of the same data reports zero creations. */
public record WriteResult(int stores, int storesCreated, int observations, int identifiersCreated,
                          int relationshipsCreated, int propertiesSet) {
}
