package io.blockyard.testbed.kubelet;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Port-forward over WebSocket, the server side as in the kubelet's {@code cri/streaming/portforward/websocket.go}:
 * the ports come from the {@code port} query parameter; port {@code i} has channel {@code 2i} for data and
 * {@code 2i+1} for errors, every binary message starts with its channel byte, and the server first sends each
 * channel its port (two bytes, little endian). The connection ends when every port's pod connection has.
 */
final class WebSocketPortForward {
  private static final Logger LOG = LoggerFactory.getLogger(WebSocketPortForward.class);
  private static final String BINARY_PROTOCOL = "v4.channel.k8s.io";
  private static final String ACCEPT_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
  private static final int OP_CONTINUATION = 0x0;
  private static final int OP_TEXT = 0x1;
  private static final int OP_BINARY = 0x2;
  private static final int OP_CLOSE = 0x8;
  private static final int OP_PING = 0x9;

  private final DataInputStream in;
  private final OutputStream out;
  private final String pod;
  private final String podIp;
  private final List<Integer> ports;
  private final Socket[] sockets;
  private final AtomicInteger running;
  private volatile boolean closeSent;

  private WebSocketPortForward(InputStream in, OutputStream out, String pod, String podIp, List<Integer> ports) {
    this.in = new DataInputStream(in);
    this.out = out;
    this.pod = pod;
    this.podIp = podIp;
    this.ports = ports;
    this.sockets = new Socket[ports.size()];
    this.running = new AtomicInteger(ports.size());
  }

  static void serve(StreamingServer.Request request, InputStream in, OutputStream out, String pod, String podIp,
      ExecutorService threads) throws IOException {
    List<Integer> ports = new ArrayList<>();
    try {
      for (String value : request.query().getOrDefault("port", List.of())) {
        for (String p : value.split(",")) {
          int port = Integer.parseInt(p.trim());
          if (port < 1 || port > 65535) {
            throw new NumberFormatException("port " + port + " out of range");
          }
          ports.add(port);
        }
      }
    } catch (NumberFormatException e) {
      StreamingServer.respond(out, 400, "Bad Request", "invalid port query parameter: " + e.getMessage());
      return;
    }
    if (ports.isEmpty()) {
      StreamingServer.respond(out, 400, "Bad Request", "query parameter \"port\" is required");
      return;
    }
    String key = request.header("sec-websocket-key");
    if (key.isEmpty()) {
      StreamingServer.respond(out, 400, "Bad Request", "missing Sec-WebSocket-Key");
      return;
    }
    boolean offered = request.headerHas("sec-websocket-protocol", BINARY_PROTOCOL);
    if (!offered && !request.header("sec-websocket-protocol").isEmpty()) {
      StreamingServer.respond(out, 400, "Bad Request", "unsupported WebSocket protocols \""
          + request.header("sec-websocket-protocol") + "\": this kubelet speaks " + BINARY_PROTOCOL);
      return;
    }
    out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        + "Sec-WebSocket-Accept: " + accept(key) + "\r\n"
        + (offered ? "Sec-WebSocket-Protocol: " + BINARY_PROTOCOL + "\r\n" : "") + "\r\n")
        .getBytes(StandardCharsets.US_ASCII));
    out.flush();
    new WebSocketPortForward(in, out, pod, podIp, ports).run(threads);
  }

  private void run(ExecutorService threads) throws IOException {
    try {
      for (int i = 0; i < ports.size(); i++) {
        byte[] port = {(byte) (ports.get(i) & 0xff), (byte) (ports.get(i) >>> 8)};
        send(2 * i, port);
        send(2 * i + 1, port);
      }
      for (int i = 0; i < ports.size(); i++) {
        int index = i;
        threads.execute(() -> fromPod(index));
      }
      readFromClient();
    } finally {
      for (Socket s : sockets) {
        closeQuietly(s);
      }
    }
  }

  /** Dials port {@code i} and copies what the pod sends to its data channel; an error goes to its error channel. */
  private void fromPod(int i) {
    int port = ports.get(i);
    try {
      Socket s = StreamingServer.dial(podIp, port);
      synchronized (sockets) {
        sockets[i] = s;
        sockets.notifyAll();
      }
      byte[] buffer = new byte[32 * 1024];
      InputStream fromPod = s.getInputStream();
      for (int n = fromPod.read(buffer); n >= 0; n = fromPod.read(buffer)) {
        send(2 * i, Arrays.copyOf(buffer, n));
      }
    } catch (IOException e) {
      if (sockets[i] == null) {
        String message = "error forwarding port " + port + " to pod " + pod + ": cannot connect to " + podIp + ":"
            + port + ": " + e.getMessage();
        LOG.info("{}", message);
        try {
          send(2 * i + 1, message.getBytes(StandardCharsets.UTF_8));
        } catch (IOException gone) {
          LOG.debug("port-forward client of {} went away: {}", pod, gone.toString());
        }
      }
    } finally {
      synchronized (sockets) {
        closeQuietly(sockets[i]);
        if (sockets[i] == null) {
          sockets[i] = new Socket(); // marks the port as failed for writers waiting for it
          sockets.notifyAll();
        }
      }
      if (running.decrementAndGet() == 0) {
        sendClose();
      }
    }
  }

  private void readFromClient() throws IOException {
    ByteArrayOutputStream message = new ByteArrayOutputStream();
    int messageOp = -1;
    while (true) {
      int b0;
      int b1;
      try {
        b0 = in.readUnsignedByte();
        b1 = in.readUnsignedByte();
      } catch (EOFException e) {
        return;
      }
      boolean fin = (b0 & 0x80) != 0;
      int op = b0 & 0x0f;
      long length = b1 & 0x7f;
      if (length == 126) {
        length = in.readUnsignedShort();
      } else if (length == 127) {
        length = in.readLong();
      }
      if (length > 16 * 1024 * 1024) {
        throw new IOException("WebSocket frame of " + length + " bytes is too large");
      }
      byte[] mask = new byte[4];
      if ((b1 & 0x80) != 0) {
        in.readFully(mask);
      }
      byte[] payload = new byte[(int) length];
      in.readFully(payload);
      for (int i = 0; i < payload.length; i++) {
        payload[i] ^= mask[i & 3];
      }
      if (op == OP_CLOSE) {
        sendClose();
        return;
      }
      if (op == OP_PING) {
        frame(0xA, payload);
        continue;
      }
      if (op == OP_BINARY || op == OP_TEXT) {
        messageOp = op;
        message.reset();
      } else if (op != OP_CONTINUATION) {
        continue; // pong
      }
      message.write(payload);
      if (fin && messageOp == OP_BINARY) {
        toPod(message.toByteArray());
      }
    }
  }

  private void toPod(byte[] message) throws IOException {
    if (message.length < 2 || (message[0] & 0xff) % 2 != 0) {
      return; // empty, or on an error channel, which only the server writes
    }
    int index = (message[0] & 0xff) / 2;
    if (index >= ports.size()) {
      return;
    }
    Socket s;
    synchronized (sockets) {
      while (sockets[index] == null) {
        try {
          sockets.wait();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException("interrupted");
        }
      }
      s = sockets[index];
    }
    if (!s.isConnected() || s.isClosed()) {
      return;
    }
    try {
      s.getOutputStream().write(message, 1, message.length - 1);
      s.getOutputStream().flush();
    } catch (IOException e) {
      LOG.debug("port-forward to {}:{} of {}: {}", podIp, ports.get(index), pod, e.toString());
    }
  }

  private void send(int channel, byte[] data) throws IOException {
    byte[] payload = new byte[data.length + 1];
    payload[0] = (byte) channel;
    System.arraycopy(data, 0, payload, 1, data.length);
    frame(OP_BINARY, payload);
  }

  private void sendClose() {
    synchronized (out) {
      if (closeSent) {
        return;
      }
      closeSent = true;
    }
    try {
      frame(OP_CLOSE, new byte[] {0x03, (byte) 0xe8}); // 1000: normal closure
    } catch (IOException e) {
      LOG.debug("cannot close the WebSocket of {}: {}", pod, e.toString());
    }
  }

  private void frame(int op, byte[] payload) throws IOException {
    synchronized (out) {
      if (closeSent && op != OP_CLOSE) {
        return;
      }
      out.write(0x80 | op);
      if (payload.length < 126) {
        out.write(payload.length);
      } else if (payload.length < 65536) {
        out.write(126);
        out.write(payload.length >>> 8);
        out.write(payload.length & 0xff);
      } else {
        out.write(127);
        for (int shift = 56; shift >= 0; shift -= 8) {
          out.write((int) ((long) payload.length >>> shift) & 0xff);
        }
      }
      out.write(payload);
      out.flush();
    }
  }

  private static String accept(String key) {
    try {
      byte[] sha1 = MessageDigest.getInstance("SHA-1").digest((key.trim() + ACCEPT_GUID)
          .getBytes(StandardCharsets.US_ASCII));
      return Base64.getEncoder().encodeToString(sha1);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void closeQuietly(Socket s) {
    if (s != null) {
      try {
        s.close();
      } catch (IOException ignored) {
        // already closed
      }
    }
  }
}
