package io.wirestream.cli;

import picocli.CommandLine.Option;

/** Where the PostgreSQL sink writes; shared by {@code up}, {@code sink} and {@code bench} so they read the same. */
public final class PostgresOptions {

    @Option(names = {"--postgres", "--postgres-url"}, paramLabel = "JDBC_URL",
        description = {"Run the PostgreSQL sink against this database,", "e.g. jdbc:postgresql://127.0.0.1:5432/postgres."})
    public String url;

    @Option(names = "--postgres-user", paramLabel = "USER", description = "PostgreSQL user.")
    public String user;

    @Option(names = "--postgres-password", paramLabel = "PASSWORD",
        description = "PostgreSQL password (better: the environment variable WIRESTREAM_POSTGRES_PASSWORD).")
    public String password;

    @Option(names = "--postgres-schema", paramLabel = "SCHEMA",
        description = "PostgreSQL schema of the tables, created if missing (default: public; wirestream bench uses wirestream_bench).")
    public String schema;

    public boolean enabled() {
        return url != null;
    }
}
