package io.blockyard.testbed;

import java.nio.file.Path;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One real test bed (control plane and node) for every test class that asks for it, started on first use
 * and stopped when the test run ends, also when tests fail. System properties {@code blockyard.testbed.name} and
 * {@code blockyard.testbed.podCidr} let two test runs share a machine.
 */
public final class SharedTestbed implements BeforeAllCallback, ParameterResolver {
  private static final String KEY = "blockyard-shared-testbed";

  @Override
  public void beforeAll(ExtensionContext context) {
    testbed(context);
  }

  static Testbed testbed(ExtensionContext context) {
    return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
        .getOrComputeIfAbsent(KEY, k -> new Resource(Testbed.start(Testbed.Options.forTest(
            freshDir("testbed-shared"), System.getProperty("blockyard.testbed.name", "byt"),
            System.getProperty("blockyard.testbed.podCidr", "10.213.10.0/24")))), Resource.class)
        .testbed();
  }

  /** Every run starts from an empty state directory: no pods or objects from an earlier run come back. */
  static Path freshDir(String name) {
    Path dir = Path.of("target", name).toAbsolutePath();
    try (var walk = java.nio.file.Files.walk(dir)) {
      walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (java.nio.file.NoSuchFileException e) {
      // nothing to clean
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return dir;
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext extension) {
    return parameter.getParameter().getType() == Testbed.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext extension) {
    return testbed(extension);
  }

  private record Resource(Testbed testbed) implements ExtensionContext.Store.CloseableResource, AutoCloseable {
    @Override
    public void close() {
      testbed.close();
    }
  }
}
