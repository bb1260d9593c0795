package io.wirestream.http;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Writing a whole response at once (bodies here are small documents, built before they are sent). */
public final class Responses {

    public static final String TEXT = "text/plain; charset=utf-8";
    public static final String JSON = "application/json; charset=utf-8";

    private Responses() {
    }

    /** Status, Content-Type, Content-Length and the body (none for HEAD); completes {@code callback}. */
    public static void send(Request request, Response response, Callback callback, int status, String contentType, byte[] body) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        boolean head = HttpMethod.HEAD.is(request.getMethod());
        response.write(true, head ? ByteBuffer.allocate(0) : ByteBuffer.wrap(body), callback);
    }

    public static void send(Request request, Response response, Callback callback, int status, String contentType, String body) {
        send(request, response, callback, status, contentType, body.getBytes(StandardCharsets.UTF_8));
    }
}
