package io.blockyard.rpc.lnd;

import io.blockyard.rpc.SharedHttpClients;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.blockyard.rpc.MalformedResponseException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * lnd's wallet unlocker and state service: creating and unlocking the wallet. These calls need
 * no macaroon (the endpoint's is sent if set, and ignored). Passwords, seeds and the returned
 * macaroon never appear in messages or logs.
 */
public final class WalletUnlocker {

  /**
   * lnd answers initwallet only once it has derived the keys and written the wallet: seconds on an idle machine, more
   * than the usual 30 s on a loaded one. A client that gives up loses the admin macaroon, which lnd sends only here.
   */
  static final java.time.Duration INIT_WALLET_LIMIT = java.time.Duration.ofMinutes(3);

  private final LndRestTransport rest;

  public WalletUnlocker(LndEndpoint endpoint) {
    this.rest = new LndRestTransport(endpoint);
  }

  /** Through {@code shared}'s HTTP clients instead of one of its own. */
  public WalletUnlocker(LndEndpoint endpoint, SharedHttpClients shared) {
    this.rest = new LndRestTransport(endpoint, shared);
  }

  /** Done with the node: gives up what the client holds in shared HTTP clients. */
  public void close() {
    rest.close();
  }

  /** Where this unlocker calls. */
  public LndEndpoint endpoint() {
    return rest.endpoint();
  }

  /** {@code GET /v1/state}. */
  public WalletState state() {
    JsonNode state = rest.get("/v1/state").path("state");
    try {
      return WalletState.valueOf(state.asText());
    } catch (IllegalArgumentException e) {
      throw new MalformedResponseException(LndRestTransport.SERVICE, endpoint().display(),
          "GET /v1/state answered the unknown state " + state);
    }
  }

  /** {@code GET /v1/genseed}: a fresh aezeed mnemonic of 24 words (no seed passphrase). */
  public List<String> genSeed() {
    JsonNode words = rest.get("/v1/genseed").path("cipher_seed_mnemonic");
    List<String> mnemonic = new ArrayList<>();
    for (JsonNode word : words) {
      mnemonic.add(word.asText());
    }
    if (mnemonic.size() != 24) {
      throw new MalformedResponseException(LndRestTransport.SERVICE, endpoint().display(),
          "GET /v1/genseed gave " + mnemonic.size() + " words instead of 24");
    }
    return List.copyOf(mnemonic);
  }

  /**
   * {@code POST /v1/initwallet}: creates the wallet from {@code mnemonic}, encrypted with
   * {@code password} (lnd wants at least 8 bytes), and unlocks it.
   *
   * @return the admin macaroon as hex, when lnd sends it back (it does unless macaroons are off)
   */
  public Optional<String> initWallet(byte[] password, List<String> mnemonic) {
    return initWallet(password, mnemonic, 0);
  }

  /**
   * {@link #initWallet(byte[], List)} restoring a seed that may have been used: lnd scans {@code recoveryWindow}
   * addresses of each kind for funds (0: no scan, for a fresh seed).
   */
  public Optional<String> initWallet(byte[] password, List<String> mnemonic, int recoveryWindow) {
    return initWallet(password, mnemonic, recoveryWindow, null);
  }

  /**
   * {@link #initWallet(byte[], List, int)} with the root key of lnd's default macaroon root key id
   * ({@code macaroon_root_key}, {@link LndMacaroons#ROOT_KEY_BYTES} bytes; null: lnd makes its own), so that
   * {@link LndMacaroons#admin} can make the admin macaroon again whenever it is lost.
   */
  public Optional<String> initWallet(byte[] password, List<String> mnemonic, int recoveryWindow,
      byte[] macaroonRootKey) {
    ObjectNode body = rest.newObject();
    if (macaroonRootKey != null) {
      if (macaroonRootKey.length != LndMacaroons.ROOT_KEY_BYTES) {
        throw new IllegalArgumentException("lnd's macaroon root key is " + LndMacaroons.ROOT_KEY_BYTES + " bytes");
      }
      body.put("macaroon_root_key", Base64.getEncoder().encodeToString(macaroonRootKey));
    }
    if (recoveryWindow > 0) {
      body.put("recovery_window", recoveryWindow);
    }
    body.put("wallet_password", Base64.getEncoder().encodeToString(password));
    ArrayNode words = body.putArray("cipher_seed_mnemonic");
    mnemonic.forEach(words::add);
    JsonNode answer = rest.post("/v1/initwallet", body, INIT_WALLET_LIMIT);
    String macaroon = answer.path("admin_macaroon").asText("");
    return macaroon.isEmpty() ? Optional.empty()
        : Optional.of(HexFormat.of().formatHex(Base64.getDecoder().decode(macaroon)));
  }

  /** {@link #initWallet(byte[], List)} with the password's UTF-8 bytes. */
  public Optional<String> initWallet(char[] password, List<String> mnemonic) {
    byte[] bytes = utf8(password);
    try {
      return initWallet(bytes, mnemonic);
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
  }

  /** {@code POST /v1/unlockwallet}: unlocks an existing wallet; lnd then starts its RPC server. */
  public void unlockWallet(byte[] password) {
    ObjectNode body = rest.newObject();
    body.put("wallet_password", Base64.getEncoder().encodeToString(password));
    rest.post("/v1/unlockwallet", body);
  }

  /** {@link #unlockWallet(byte[])} with the password's UTF-8 bytes. */
  public void unlockWallet(char[] password) {
    byte[] bytes = utf8(password);
    try {
      unlockWallet(bytes);
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
  }

  private static byte[] utf8(char[] password) {
    ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
    byte[] bytes = Arrays.copyOfRange(encoded.array(), encoded.position(), encoded.limit());
    Arrays.fill(encoded.array(), (byte) 0);
    return bytes;
  }

  @Override
  public String toString() {
    return "WalletUnlocker[" + endpoint().display() + "]";
  }
}
