package io.blockyard.testbed.kubelet;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One upgraded SPDY/3.1 connection of the {@code portforward.k8s.io} protocol, the server side as in the kubelet's
 * {@code cri/streaming/portforward/httpstream.go}: for each forwarded connection the client opens an error stream
 * and a data stream with the same {@code requestid}; the data stream carries the bytes both ways, the error stream
 * carries a message when the pod's port cannot be reached. Framing follows moby/spdystream: header blocks are zlib
 * streams with the SPDY/3 dictionary, one compression context per direction for the whole connection. There is no
 * flow control (spdystream ignores WINDOW_UPDATE as well).
 */
final class SpdyPortForward {
  private static final Logger LOG = LoggerFactory.getLogger(SpdyPortForward.class);
  static final String PROTOCOL = "portforward.k8s.io";
  private static final int VERSION = 3;
  private static final int SYN_STREAM = 1;
  private static final int SYN_REPLY = 2;
  private static final int RST_STREAM = 3;
  private static final int PING = 6;
  private static final int GOAWAY = 7;
  private static final int HEADERS = 8;
  private static final int FLAG_FIN = 0x01;
  private static final int PROTOCOL_ERROR = 1;
  private static final int CHUNK = 32 * 1024;
  private static final byte[] DICTIONARY = dictionary();

  private final DataInputStream in;
  private final DataOutputStream out;
  private final String pod;
  private final String podIp;
  private final ExecutorService threads;
  private final Inflater inflater = new Inflater();
  private final Deflater deflater = new Deflater();
  private final Map<String, Forward> byRequest = new HashMap<>();
  private final Map<Integer, Forward> byDataStream = new ConcurrentHashMap<>();

  SpdyPortForward(InputStream in, OutputStream out, String pod, String podIp, ExecutorService threads) {
    this.in = new DataInputStream(in);
    this.out = new DataOutputStream(out);
    this.pod = pod;
    this.podIp = podIp;
    this.threads = threads;
    deflater.setDictionary(DICTIONARY);
  }

  /**
   * The header-compression dictionary of the SPDY/3 specification (section 2.6.10.1), 1423 bytes, as every SPDY/3
   * implementation carries it (here copied from moby/spdystream's dictionary.go, which Kubernetes uses).
   */
  private static byte[] dictionary() {
    try (InputStream in = SpdyPortForward.class.getResourceAsStream("spdy3-header-dictionary.bin")) {
      return Objects.requireNonNull(in, "spdy3-header-dictionary.bin resource").readAllBytes();
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the SPDY/3 header dictionary", e);
    }
  }

  /** Reads frames until the client goes away; then ends every forward of this connection. */
  void run() throws IOException {
    try {
      while (true) {
        int first;
        try {
          first = in.readInt();
        } catch (EOFException e) {
          return;
        }
        int flagsAndLength = in.readInt();
        int flags = flagsAndLength >>> 24;
        byte[] payload = new byte[flagsAndLength & 0xffffff];
        in.readFully(payload);
        if (first < 0) {
          int type = first & 0xffff;
          switch (type) {
            case SYN_STREAM -> synStream(payload);
            case SYN_REPLY, HEADERS -> inflateHeaders(payload, 4);
            case RST_STREAM -> reset(readInt(payload, 0) & 0x7fffffff);
            case PING -> writeControl(PING, 0, payload);
            case GOAWAY -> {
              return;
            }
            default -> { } // SETTINGS, WINDOW_UPDATE: nothing to do without flow control
          }
        } else {
          data(first, flags, payload);
        }
      }
    } finally {
      for (Forward f : byDataStream.values()) {
        f.toPod.add(Forward.RESET);
        f.closePod();
      }
      inflater.end();
      synchronized (out) {
        deflater.end();
      }
    }
  }

  private void synStream(byte[] payload) throws IOException {
    int streamId = readInt(payload, 0) & 0x7fffffff;
    Map<String, String> headers = inflateHeaders(payload, 10);
    String type = headers.get("streamtype");
    String requestId = headers.get("requestid");
    int port;
    try {
      port = Integer.parseInt(headers.getOrDefault("port", ""));
    } catch (NumberFormatException e) {
      port = -1;
    }
    if (requestId == null || port < 1 || port > 65535 || !("error".equals(type) || "data".equals(type))) {
      LOG.warn("port-forward to {}: refusing stream {} with headers {}", pod, streamId, headers);
      writeControl(RST_STREAM, 0, ints(streamId, PROTOCOL_ERROR));
      return;
    }
    writeSynReply(streamId);
    Forward f = byRequest.computeIfAbsent(requestId, id -> new Forward());
    f.port = port;
    if (type.equals("error")) {
      f.errorStream = streamId;
    } else {
      f.dataStream = streamId;
      byDataStream.put(streamId, f);
    }
    if (f.errorStream > 0 && f.dataStream > 0) {
      byRequest.remove(requestId);
      threads.execute(f::toPodLoop);
    }
  }

  private void data(int streamId, int flags, byte[] payload) {
    Forward f = byDataStream.get(streamId);
    if (f == null) {
      return; // the error stream (the client only closes it), or a stream already ended
    }
    if (payload.length > 0) {
      f.toPod.add(payload);
    }
    if ((flags & FLAG_FIN) != 0) {
      f.toPod.add(Forward.FIN);
    }
  }

  private void reset(int streamId) {
    Forward f = byDataStream.remove(streamId);
    if (f != null) {
      f.toPod.add(Forward.RESET);
      f.closePod();
    }
  }

  /** One forwarded connection: a pod socket between the data stream's two directions. */
  private final class Forward {
    static final byte[] FIN = new byte[0];
    static final byte[] RESET = new byte[0];

    final LinkedBlockingQueue<byte[]> toPod = new LinkedBlockingQueue<>();
    int port;
    int errorStream;
    int dataStream;
    private volatile Socket socket;

    /** Dials the pod, starts the way back, then writes what the client sends until it finishes. */
    void toPodLoop() {
      Socket s;
      try {
        s = StreamingServer.dial(podIp, port);
      } catch (IOException e) {
        String message = "error forwarding port " + port + " to pod " + pod + ": cannot connect to " + podIp + ":"
            + port + ": " + e.getMessage();
        LOG.info("{}", message);
        try {
          writeData(errorStream, FLAG_FIN, message.getBytes(StandardCharsets.UTF_8));
          writeData(dataStream, FLAG_FIN, new byte[0]);
        } catch (IOException gone) {
          LOG.debug("port-forward client of {} went away: {}", pod, gone.toString());
        }
        byDataStream.remove(dataStream);
        return;
      }
      socket = s;
      threads.execute(() -> fromPodLoop(s));
      try {
        OutputStream podOut = s.getOutputStream();
        while (true) {
          byte[] chunk = toPod.take();
          if (chunk == FIN) {
            s.shutdownOutput();
            return;
          }
          if (chunk == RESET) {
            s.close();
            return;
          }
          podOut.write(chunk);
          podOut.flush();
        }
      } catch (IOException | InterruptedException e) {
        closePod();
      }
    }

    private void fromPodLoop(Socket s) {
      byte[] buffer = new byte[CHUNK];
      try (s) {
        InputStream fromPod = s.getInputStream();
        for (int n = fromPod.read(buffer); n >= 0; n = fromPod.read(buffer)) {
          writeData(dataStream, 0, java.util.Arrays.copyOf(buffer, n));
        }
      } catch (IOException e) {
        LOG.debug("port-forward {}:{} of {} ended: {}", podIp, port, pod, e.toString());
      } finally {
        byDataStream.remove(dataStream);
        try {
          writeData(dataStream, FLAG_FIN, new byte[0]);
          writeData(errorStream, FLAG_FIN, new byte[0]);
        } catch (IOException gone) {
          LOG.debug("port-forward client of {} went away: {}", pod, gone.toString());
        }
      }
    }

    void closePod() {
      Socket s = socket;
      if (s != null) {
        try {
          s.close();
        } catch (IOException ignored) {
          // already closed
        }
      }
    }
  }

  /** Decompresses a header block (which must happen for every one, to keep the shared zlib context in step). */
  private Map<String, String> inflateHeaders(byte[] payload, int offset) throws IOException {
    ByteArrayOutputStream plain = new ByteArrayOutputStream();
    inflater.setInput(payload, offset, payload.length - offset);
    byte[] buffer = new byte[4096];
    try {
      while (true) {
        int n = inflater.inflate(buffer);
        if (n > 0) {
          plain.write(buffer, 0, n);
        } else if (inflater.needsDictionary()) {
          inflater.setDictionary(DICTIONARY);
        } else if (inflater.needsInput() || inflater.finished()) {
          break;
        }
      }
    } catch (DataFormatException e) {
      throw new IOException("corrupt SPDY header block: " + e.getMessage(), e);
    }
    byte[] block = plain.toByteArray();
    Map<String, String> headers = new HashMap<>();
    if (block.length < 4) {
      return headers;
    }
    int count = readInt(block, 0);
    int at = 4;
    for (int i = 0; i < count; i++) {
      int nameLength = readInt(block, at);
      String name = new String(block, at + 4, nameLength, StandardCharsets.UTF_8);
      at += 4 + nameLength;
      int valueLength = readInt(block, at);
      String value = new String(block, at + 4, valueLength, StandardCharsets.UTF_8);
      at += 4 + valueLength;
      headers.put(name.toLowerCase(java.util.Locale.ROOT), value);
    }
    return headers;
  }

  private void writeSynReply(int streamId) throws IOException {
    synchronized (out) {
      // An empty header block: zero name/value pairs, compressed with the connection's context.
      deflater.setInput(new byte[4]);
      ByteArrayOutputStream compressed = new ByteArrayOutputStream();
      byte[] buffer = new byte[256];
      int n;
      do {
        n = deflater.deflate(buffer, 0, buffer.length, Deflater.SYNC_FLUSH);
        compressed.write(buffer, 0, n);
      } while (n == buffer.length);
      byte[] block = compressed.toByteArray();
      out.writeInt(0x80000000 | VERSION << 16 | SYN_REPLY);
      out.writeInt(4 + block.length);
      out.writeInt(streamId);
      out.write(block);
      out.flush();
    }
  }

  private void writeControl(int type, int flags, byte[] payload) throws IOException {
    synchronized (out) {
      out.writeInt(0x80000000 | VERSION << 16 | type);
      out.writeInt(flags << 24 | payload.length);
      out.write(payload);
      out.flush();
    }
  }

  private void writeData(int streamId, int flags, byte[] data) throws IOException {
    synchronized (out) {
      out.writeInt(streamId & 0x7fffffff);
      out.writeInt(flags << 24 | data.length);
      out.write(data);
      out.flush();
    }
  }

  private static int readInt(byte[] b, int at) {
    return (b[at] & 0xff) << 24 | (b[at + 1] & 0xff) << 16 | (b[at + 2] & 0xff) << 8 | (b[at + 3] & 0xff);
  }

  private static byte[] ints(int... values) {
    byte[] b = new byte[values.length * 4];
    for (int i = 0; i < values.length; i++) {
      b[i * 4] = (byte) (values[i] >>> 24);
      b[i * 4 + 1] = (byte) (values[i] >>> 16);
      b[i * 4 + 2] = (byte) (values[i] >>> 8);
      b[i * 4 + 3] = (byte) values[i];
    }
    return b;
  }
}
