package io.blockyard.testbed.kubelet;

import java.util.Map;

/** Kubernetes' {@code $(VAR)} expansion in command, args and env values: unknown names stay, {@code $$} escapes. */
public final class VarExpansion {
  private VarExpansion() {}

  public static String expand(String input, Map<String, String> env) {
    StringBuilder out = new StringBuilder(input.length());
    int i = 0;
    while (i < input.length()) {
      char c = input.charAt(i);
      if (c == '$' && i + 1 < input.length()) {
        char next = input.charAt(i + 1);
        if (next == '$') {
          out.append('$');
          i += 2;
          continue;
        }
        if (next == '(') {
          int close = input.indexOf(')', i + 2);
          if (close > 0) {
            String name = input.substring(i + 2, close);
            String value = env.get(name);
            out.append(value != null ? value : input, value != null ? 0 : i,
                value != null ? value.length() : close + 1);
            i = close + 1;
            continue;
          }
        }
      }
      out.append(c);
      i++;
    }
    return out.toString();
  }
}
