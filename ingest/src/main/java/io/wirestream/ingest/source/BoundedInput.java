package io.wirestream.ingest.source;

import io.wirestream.ingest.format.InputTooLargeException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads an input whole, but never more than the size cap: a larger one is an {@link InputTooLargeException}. */
public final class BoundedInput {

    private BoundedInput() {
    }

    public static byte[] read(InputStream in, long maxBytes) throws IOException, InputTooLargeException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[64 * 1024];
        long total = 0;
        int n;
        while ((n = in.read(buf)) > 0) {
            total += n;
            if (total > maxBytes) {
                throw new InputTooLargeException(-1, maxBytes);
            }
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }

    public static byte[] read(Path file, long maxBytes) throws IOException, InputTooLargeException {
        long size = Files.size(file);
        if (size > maxBytes) {
            throw new InputTooLargeException(size, maxBytes);
        }
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, maxBytes);
        }
    }
}
