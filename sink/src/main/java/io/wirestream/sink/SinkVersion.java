package io.wirestream.sink;

/** The version the connectors and the converter report to Connect. */
public final class SinkVersion {

    public static final String VERSION = versionFromManifest();

    private SinkVersion() {
    }

    private static String versionFromManifest() {
        String v = SinkVersion.class.getPackage() == null ? null : SinkVersion.class.getPackage().getImplementationVersion();
        return v == null ? "0.1.0-SNAPSHOT" : v;
    }
}
