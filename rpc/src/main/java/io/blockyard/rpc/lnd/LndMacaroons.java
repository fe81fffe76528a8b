package io.blockyard.rpc.lnd;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Macaroons as lnd mints them, made from the root key a wallet was created with ({@code macaroon_root_key} of
 * {@code initwallet}), so that the admin macaroon can be made again whenever it is lost. lnd's macaroons are
 * macaroon-bakery v3 macaroons in the v2 binary format: location {@code lnd}; identifier {@code 0x03} followed by the
 * protobuf {@code MacaroonId {nonce = 1; storageId = 2; repeated Op ops = 3}}, {@code Op {entity = 1;
 * repeated actions = 2}}, the operations sorted and grouped by entity; root key id {@code 0}; no caveats; signature
 * HMAC-SHA256 of the identifier under HMAC-SHA256("macaroons-key-generator", root key).
 */
public final class LndMacaroons {
  /** The length of the root key lnd takes in {@code macaroon_root_key}. */
  public static final int ROOT_KEY_BYTES = 32;
  /** lnd's default root key id, the one {@code macaroon_root_key} sets. */
  static final String DEFAULT_ROOT_KEY_ID = "0";
  static final String LOCATION = "lnd";
  private static final byte BAKERY_V3 = 3;
  private static final byte[] KEY_GENERATOR = "macaroons-key-generator".getBytes(StandardCharsets.US_ASCII);

  /** lnd's admin.macaroon permissions: everything lnd's own read and write permission sets hold. */
  public static final List<String> ADMIN_PERMISSIONS = List.of("onchain:read", "offchain:read", "address:read",
      "message:read", "peers:read", "info:read", "invoices:read", "signer:read", "macaroon:read", "onchain:write",
      "offchain:write", "address:write", "message:write", "peers:write", "info:write", "invoices:write",
      "signer:generate", "macaroon:generate", "macaroon:write");

  private LndMacaroons() {}

  /** A new root key for {@code initwallet}'s {@code macaroon_root_key}. */
  public static byte[] newRootKey(SecureRandom random) {
    byte[] key = new byte[ROOT_KEY_BYTES];
    random.nextBytes(key);
    return key;
  }

  /** An admin macaroon (hex) under {@code rootKey}, which lnd accepts as it accepts its own admin.macaroon. */
  public static String admin(byte[] rootKey, SecureRandom random) {
    byte[] nonce = new byte[16];
    random.nextBytes(nonce);
    return HexFormat.of().formatHex(mint(rootKey, nonce, ADMIN_PERMISSIONS));
  }

  /** The macaroon's bytes for {@code permissions} ({@code entity:action}). */
  static byte[] mint(byte[] rootKey, byte[] nonce, List<String> permissions) {
    if (rootKey == null || rootKey.length != ROOT_KEY_BYTES) {
      throw new IllegalArgumentException("an lnd macaroon root key is " + ROOT_KEY_BYTES + " bytes");
    }
    byte[] id = identifier(nonce, permissions);
    byte[] signature = hmac(hmac(KEY_GENERATOR, rootKey), id);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(2);
    field(out, 1, LOCATION.getBytes(StandardCharsets.US_ASCII));
    field(out, 2, id);
    out.write(0);
    out.write(0);
    field(out, 6, signature);
    return out.toByteArray();
  }

  static byte[] identifier(byte[] nonce, List<String> permissions) {
    Map<String, TreeSet<String>> byEntity = new TreeMap<>();
    for (String permission : permissions) {
      int colon = permission.indexOf(':');
      if (colon <= 0 || colon == permission.length() - 1) {
        throw new IllegalArgumentException("a permission is entity:action, not " + permission);
      }
      byEntity.computeIfAbsent(permission.substring(0, colon), e -> new TreeSet<>())
          .add(permission.substring(colon + 1));
    }
    ByteArrayOutputStream id = new ByteArrayOutputStream();
    id.write(BAKERY_V3);
    protoBytes(id, 1, nonce);
    protoBytes(id, 2, DEFAULT_ROOT_KEY_ID.getBytes(StandardCharsets.US_ASCII));
    for (var entry : byEntity.entrySet()) {
      ByteArrayOutputStream op = new ByteArrayOutputStream();
      protoBytes(op, 1, entry.getKey().getBytes(StandardCharsets.UTF_8));
      for (String action : new ArrayList<>(entry.getValue())) {
        protoBytes(op, 2, action.getBytes(StandardCharsets.UTF_8));
      }
      protoBytes(id, 3, op.toByteArray());
    }
    return id.toByteArray();
  }

  /** A protobuf length-delimited field (wire type 2). */
  private static void protoBytes(ByteArrayOutputStream out, int field, byte[] value) {
    varint(out, (field << 3) | 2);
    varint(out, value.length);
    out.writeBytes(value);
  }

  /** A macaroon v2 field: type, length, bytes. */
  private static void field(ByteArrayOutputStream out, int type, byte[] value) {
    varint(out, type);
    varint(out, value.length);
    out.writeBytes(value);
  }

  private static void varint(ByteArrayOutputStream out, long value) {
    while ((value & ~0x7FL) != 0) {
      out.write((int) ((value & 0x7F) | 0x80));
      value >>>= 7;
    }
    out.write((int) value);
  }

  static byte[] hmac(byte[] key, byte[] data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
    }
  }
}
