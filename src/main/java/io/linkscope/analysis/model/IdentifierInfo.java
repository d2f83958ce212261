package io.linkscope.analysis.model;

import io.linkscope.normalize.IdentifierClass;
import io.linkscope.normalize.IdentifierType;

/**
 * An identifier used by at least one of the tenant's stores.
 *
 * @param uid              {@code type|hmac}; stable and opaque
 * @param display          masked form, safe to show
 * @param generic          marked generic by the tenant (3PL warehouse, registered agent…): weighs about nothing
 * @param provider         payment provider slug for {@code payment}, else null
 * @param foreignStores    stores of other tenants using this identifier (count only, never who)
 * @param foreignSuspended how many of those are suspended
 */
public record IdentifierInfo(String uid, IdentifierType type, String display, boolean generic, IdentifierClass cls,
                             String provider, int foreignStores, int foreignSuspended) {
}
