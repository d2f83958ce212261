package io.linkscope.normalize;

import java.util.Arrays;
import java.util.Optional;

/**
 * Every kind of identifier a platform can use to relate two stores.
 * {@code IP_SUBNET} and {@code ADDRESS_BUILDING} are derived: the first from each public IP (its /24 or /48), the
 * second from each structured address (the building without its room or suite, spec §1a). {@code LEGAL_ENTITY} comes
 * from a store's declared legal entity, or an attribute of that type.
 */
public enum IdentifierType {
    IP("ip"),
    IP_SUBNET("ip_subnet"),
    EMAIL("email"),
    PHONE("phone"),
    PAYMENT("payment"),
    BANK_ACCOUNT("bank_account"),
    CARD("card"),
    ADDRESS("address"),
    ADDRESS_BUILDING("address_building"),
    DEVICE("device"),
    TAX_ID("tax_id"),
    PERSON("person"),
    DOMAIN("domain"),
    LEGAL_ENTITY("legal_entity");

    private final String wire;

    IdentifierType(String wire) {
        this.wire = wire;
    }

    /** The name used in the portfolio format, the API and the graph. */
    @com.fasterxml.jackson.annotation.JsonValue
    public String wire() {
        return wire;
    }

    public static Optional<IdentifierType> fromWire(String name) {
        if (name == null) return Optional.empty();
        String n = name.trim().toLowerCase(java.util.Locale.ROOT);
        return Arrays.stream(values()).filter(t -> t.wire.equals(n)).findFirst();
    }

    /** Types a portfolio document may declare directly as an attribute. */
    public boolean declarable() {
        return this != IP_SUBNET && this != ADDRESS_BUILDING;
    }

    /** Types that receive money: a court freeze of one freezes every store paid into it. */
    public boolean receivesFunds() {
        return this == PAYMENT || this == BANK_ACCOUNT;
    }
}
