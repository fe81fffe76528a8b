package io.blockyard.testbed;

/** A failure of the test bed itself (a missing tool, a taken port, a failed build), with what to do about it. */
public class TestbedException extends RuntimeException {
  public TestbedException(String message) {
    super(message);
  }

  public TestbedException(String message, Throwable cause) {
    super(message, cause);
  }
}
