package io.linkscope.normalize;

/**
 * What normalization learned about a value beyond its canonical form.
 * Non-routable IP classes carry no linkage weight: thousands of unrelated stores sit behind them.
 */
public enum IdentifierClass {
    STANDARD("standard", true),
    PRIVATE_IP("private", false),
    LOOPBACK_IP("loopback", false),
    LINK_LOCAL_IP("link_local", false),
    CGNAT_IP("cgnat", false),
    RESERVED_IP("reserved", false),
    FREEMAIL("freemail", true);

    private final String wire;
    private final boolean carriesWeight;

    IdentifierClass(String wire, boolean carriesWeight) {
        this.wire = wire;
        this.carriesWeight = carriesWeight;
    }

    public String wire() {
        return wire;
    }

    public boolean carriesWeight() {
        return carriesWeight;
    }

    public static IdentifierClass fromWire(String s) {
        for (IdentifierClass c : values()) if (c.wire.equals(s)) return c;
        return STANDARD;
    }
}
