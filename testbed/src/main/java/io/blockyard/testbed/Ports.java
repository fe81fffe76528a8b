package io.blockyard.testbed;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Loopback port checks: a taken port is an error that names it, and tests can ask for free ones. */
public final class Ports {
  private Ports() {}

  public static void requireFree(int port, String what) {
    requireFree("127.0.0.1", port, what);
  }

  public static void requireFree(String address, int port, String what) {
    try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getByName(address))) {
      s.setReuseAddress(true);
    } catch (IOException e) {
      throw new TestbedException("port " + port + " (" + what + ") is already taken on " + address + ": stop "
          + "whatever listens there (ss -ltnp 'sport = :" + port + "') or choose another port");
    }
  }

  public static int free() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new TestbedException("no free loopback port: " + e.getMessage(), e);
    }
  }
}
