package io.blockyard.rpc.lnd;

import io.blockyard.rpc.SharedHttpClients;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.blockyard.rpc.MalformedResponseException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * An lnd's Lightning service over REST, called with a macaroon (the admin macaroon for the
 * calls that move funds). Thread-safe; create one per endpoint and keep it.
 *
 * <p>lnd's REST JSON, as the grpc-gateway writes it: proto field names ({@code identity_pubkey}),
 * every field present, 64-bit integers as strings, {@code bytes} fields base64. Transaction ids
 * in {@code bytes} fields are in the hash's internal order, reversed to the usual hex here.
 */
public final class LndNode {

  private static final HexFormat HEX = HexFormat.of();
  /** lnd's message when connecting to a peer it is connected to. */
  static final String ALREADY_CONNECTED = "already connected to peer";

  private final LndRestTransport rest;

  /**
   * @param endpoint lnd's REST endpoint with a macaroon ({@link LndEndpoint#withMacaroon(String)})
   */
  public LndNode(LndEndpoint endpoint) {
    this.rest = new LndRestTransport(requireMacaroon(endpoint));
  }

  /** Through {@code shared}'s HTTP clients instead of one of its own. */
  public LndNode(LndEndpoint endpoint, SharedHttpClients shared) {
    this.rest = new LndRestTransport(requireMacaroon(endpoint), shared);
  }

  private static LndEndpoint requireMacaroon(LndEndpoint endpoint) {
    if (endpoint.macaroonHex() == null) {
      throw new IllegalArgumentException("lnd's Lightning calls need a macaroon; "
          + "give the endpoint one with withMacaroon (hex of admin.macaroon)");
    }
    return endpoint;
  }

  /** Done with the node: gives up what the client holds in shared HTTP clients. */
  public void close() {
    rest.close();
  }

  /** Where this client calls. */
  public LndEndpoint endpoint() {
    return rest.endpoint();
  }

  /** {@code GET /v1/getinfo}. */
  public NodeInfo getInfo() {
    JsonNode info = rest.get("/v1/getinfo");
    List<String> uris = new ArrayList<>();
    info.path("uris").forEach(uri -> uris.add(uri.asText()));
    return new NodeInfo(text(info, "identity_pubkey", "getinfo"), info.path("alias").asText(""),
        info.path("color").asText(""), info.path("synced_to_chain").asBoolean(false),
        info.path("synced_to_graph").asBoolean(false), number(info, "block_height", "getinfo"),
        (int) number(info, "num_peers", "getinfo"), (int) number(info, "num_active_channels", "getinfo"),
        (int) number(info, "num_pending_channels", "getinfo"),
        (int) number(info, "num_inactive_channels", "getinfo"), uris);
  }

  /** {@code GET /v1/newaddress?type=...}: a fresh address of the on-chain wallet. */
  public String newAddress(AddressType type) {
    return text(rest.get("/v1/newaddress?type=" + type.name()), "address", "newaddress");
  }

  /** {@code GET /v1/balance/blockchain}. */
  public WalletBalance walletBalance() {
    JsonNode balance = rest.get("/v1/balance/blockchain");
    return new WalletBalance(number(balance, "confirmed_balance", "balance/blockchain"),
        number(balance, "unconfirmed_balance", "balance/blockchain"));
  }

  /** {@code GET /v1/balance/channels}: {@code local_balance.sat} and {@code remote_balance.sat}. */
  public ChannelBalance channelBalance() {
    JsonNode balance = rest.get("/v1/balance/channels");
    return new ChannelBalance(number(balance.path("local_balance"), "sat", "balance/channels.local_balance"),
        number(balance.path("remote_balance"), "sat", "balance/channels.remote_balance"));
  }

  /**
   * {@code POST /v1/peers}: connects to {@code pubkey} at {@code hostPort} (not permanently).
   *
   * @return {@link ConnectOutcome#ALREADY_CONNECTED} when lnd says it is connected already
   */
  public ConnectOutcome connectPeer(String pubkey, String hostPort) {
    ObjectNode body = rest.newObject();
    ObjectNode addr = body.putObject("addr");
    addr.put("pubkey", requirePubkey(pubkey));
    addr.put("host", Objects.requireNonNull(hostPort, "hostPort"));
    body.put("perm", false);
    // lnd's own connection timeout (seconds), inside ours so its answer arrives.
    body.put("timeout", String.valueOf(Math.max(1, endpoint().timeouts().request().toSeconds() - 2)));
    try {
      rest.post("/v1/peers", body);
      return ConnectOutcome.CONNECTED;
    } catch (LndErrorException e) {
      if (e.lndMessage().toLowerCase(Locale.ROOT).contains(ALREADY_CONNECTED)) {
        return ConnectOutcome.ALREADY_CONNECTED;
      }
      throw e;
    }
  }

  /** {@code GET /v1/peers}: the connected peers' public keys. */
  public List<String> listPeers() {
    List<String> peers = new ArrayList<>();
    for (JsonNode peer : rest.get("/v1/peers").path("peers")) {
      peers.add(text(peer, "pub_key", "peers"));
    }
    return List.copyOf(peers);
  }

  /**
   * {@code POST /v1/channels} (OpenChannelSync): funds a channel to a connected peer and
   * returns once the funding transaction is broadcast.
   *
   * @param localFundingSat the channel's capacity, paid from the on-chain wallet
   * @param pushSat what the peer holds from the start
   * @param isPrivate whether the channel stays unannounced
   */
  public ChannelPoint openChannel(String pubkey, long localFundingSat, long pushSat, boolean isPrivate) {
    ObjectNode body = rest.newObject();
    body.put("node_pubkey", Base64.getEncoder().encodeToString(HEX.parseHex(requirePubkey(pubkey))));
    body.put("local_funding_amount", String.valueOf(localFundingSat));
    body.put("push_sat", String.valueOf(pushSat));
    body.put("private", isPrivate);
    JsonNode point = rest.post("/v1/channels", body);
    String txid = point.path("funding_txid_str").asText("");
    if (txid.isEmpty()) {
      txid = txidFromBytes(point, "funding_txid_bytes", "openchannel");
    }
    return new ChannelPoint(txid, (int) number(point, "output_index", "openchannel"));
  }

  /** {@code GET /v1/channels}: the open channels, active or not. */
  public List<Channel> listChannels() {
    List<Channel> channels = new ArrayList<>();
    for (JsonNode channel : rest.get("/v1/channels").path("channels")) {
      channels.add(new Channel(channelPoint(channel, "channels"), text(channel, "remote_pubkey", "channels"),
          channel.path("active").asBoolean(false), number(channel, "capacity", "channels"),
          number(channel, "local_balance", "channels"), number(channel, "remote_balance", "channels"),
          channel.path("private").asBoolean(false), channel.path("chan_id").asText("")));
    }
    return List.copyOf(channels);
  }

  /**
   * {@code GET /v1/graph?include_unannounced=false}: the short channel ids of the announced channels in this node's
   * graph. lnd keeps its own channels in its graph from the start; only announced ones are listed here. The whole
   * graph comes back: on a large network, call this only while waiting for an announcement.
   */
  public java.util.Set<String> announcedChannelIds() {
    java.util.Set<String> ids = new java.util.HashSet<>();
    for (JsonNode edge : rest.get("/v1/graph?include_unannounced=false").path("edges")) {
      ids.add(text(edge, "channel_id", "graph"));
    }
    return java.util.Set.copyOf(ids);
  }

  /** {@code GET /v1/channels/pending}: opening, closing and force-closing channels. */
  public List<PendingChannel> pendingChannels() {
    JsonNode pending = rest.get("/v1/channels/pending");
    List<PendingChannel> channels = new ArrayList<>();
    addPending(channels, pending.path("pending_open_channels"), PendingChannel.Stage.PENDING_OPEN);
    addPending(channels, pending.path("waiting_close_channels"), PendingChannel.Stage.WAITING_CLOSE);
    addPending(channels, pending.path("pending_force_closing_channels"),
        PendingChannel.Stage.PENDING_FORCE_CLOSE);
    return List.copyOf(channels);
  }

  private void addPending(List<PendingChannel> into, JsonNode list, PendingChannel.Stage stage) {
    for (JsonNode entry : list) {
      JsonNode channel = entry.path("channel");
      into.add(new PendingChannel(stage, channelPoint(channel, "channels/pending"),
          text(channel, "remote_node_pub", "channels/pending"), number(channel, "capacity", "channels/pending"),
          number(channel, "local_balance", "channels/pending"), entry.path("closing_txid").asText("")));
    }
  }

  /** {@code GET /v1/channels/closed}. */
  public List<ClosedChannel> closedChannels() {
    List<ClosedChannel> channels = new ArrayList<>();
    for (JsonNode channel : rest.get("/v1/channels/closed").path("channels")) {
      channels.add(new ClosedChannel(channelPoint(channel, "channels/closed"),
          channel.path("remote_pubkey").asText(""), channel.path("chan_id").asText(""),
          channel.path("closing_tx_hash").asText(""), number(channel, "capacity", "channels/closed"),
          number(channel, "settled_balance", "channels/closed"), channel.path("close_type").asText("")));
    }
    return List.copyOf(channels);
  }

  /**
   * {@code DELETE /v1/channels/{txid}/{index}?force=...}: starts closing the channel and returns
   * the closing transaction's id. The call streams updates until the close confirms; this reads
   * only the first ({@code close_pending}, sent once the closing transaction is broadcast) and
   * hangs up, which leaves the close going on. Bounded by the endpoint's request timeout.
   *
   * @param force true for a unilateral close (funds time-locked), false for a cooperative one
   */
  public String closeChannel(ChannelPoint channelPoint, boolean force) {
    String path = "/v1/channels/" + channelPoint.txid() + "/" + channelPoint.outputIndex() + "?force=" + force;
    JsonNode update = rest.firstStreamed("DELETE", path, endpoint().timeouts().request());
    JsonNode pendingUpdate = update.path("close_pending");
    if (!pendingUpdate.isObject()) {
      throw malformed("closechannel's first update is not close_pending but " + update.fieldNames().next());
    }
    return txidFromBytes(pendingUpdate, "txid", "closechannel.close_pending");
  }

  /** What lnd's own readonly.macaroon allows: reading everything, changing nothing. */
  public static final List<String> READONLY_PERMISSIONS = List.of("onchain:read", "offchain:read", "address:read",
      "message:read", "peers:read", "info:read", "invoices:read", "signer:read", "macaroon:read");
  /** What lnd's own invoice.macaroon allows: making and reading invoices, and on-chain addresses. */
  public static final List<String> INVOICE_PERMISSIONS = List.of("invoices:read", "invoices:write",
      "address:read", "address:write", "onchain:read");

  /**
   * {@code POST /v1/macaroon}: a macaroon limited to {@code permissions} ({@code entity:action}), under lnd's
   * default root key, like the ones lnd writes to disk.
   *
   * @return the macaroon as hex
   */
  public String bakeMacaroon(List<String> permissions) {
    ObjectNode body = rest.newObject();
    var array = body.putArray("permissions");
    for (String permission : permissions) {
      int colon = permission.indexOf(':');
      if (colon <= 0) {
        throw new IllegalArgumentException("a permission is entity:action, not " + permission);
      }
      array.addObject().put("entity", permission.substring(0, colon)).put("action", permission.substring(colon + 1));
    }
    body.put("root_key_id", "0");
    String macaroon = text(rest.post("/v1/macaroon", body), "macaroon", "macaroon");
    if (!macaroon.matches("([0-9a-fA-F]{2})+")) {
      throw malformed("macaroon answered a macaroon that is not hex");
    }
    return macaroon;
  }

  /** {@code POST /v1/invoices}: an invoice for {@code valueSat} with {@code memo}. */
  public AddedInvoice addInvoice(long valueSat, String memo) {
    return addInvoice(valueSat, memo, false);
  }

  /**
   * {@code POST /v1/invoices}; with {@code routeHints}, lnd's {@code private: true}: the invoice carries route hints
   * to this node's private channels, so a payer can reach it across channels that are in no graph.
   */
  public AddedInvoice addInvoice(long valueSat, String memo, boolean routeHints) {
    ObjectNode body = rest.newObject();
    body.put("value", String.valueOf(valueSat));
    body.put("memo", memo == null ? "" : memo);
    body.put("private", routeHints);
    JsonNode invoice = rest.post("/v1/invoices", body);
    return new AddedInvoice(text(invoice, "payment_request", "invoices"), hexFromBytes(invoice, "r_hash", "invoices"));
  }

  /**
   * How long lnd may look for a route before the first HTLC goes out (routerrpc's {@code timeout_seconds}; lnd's own
   * default, the one SendPaymentSync had). Once HTLCs are out, lnd waits for them to settle or fail.
   */
  public static final java.time.Duration PAYMENT_TIMEOUT = java.time.Duration.ofSeconds(60);

  /**
   * Pays a BOLT 11 payment request with routerrpc's SendPaymentV2 ({@code POST /v2/router/send}), lnd's successor of
   * the SendPaymentSync that lnd 0.20 deprecates: lnd streams the payment's updates, the last of which says whether it
   * went through. The fee limit is lnd's default for the amount ({@link #defaultFeeLimitMsat}, what SendPaymentSync
   * and {@code lncli payinvoice} allow), read from the request with {@code GET /v1/payreq}; lnd looks for a route for
   * at most {@link #PAYMENT_TIMEOUT}, and the whole call takes at most that plus the endpoint's request timeout.
   *
   * @throws PaymentFailedException when lnd gives the payment up ({@code no_route}, {@code insufficient_balance},
   *     ...)
   * @throws LndErrorException when lnd refuses to start it (a malformed or already paid request, ...)
   */
  public Payment payInvoice(String paymentRequest) {
    Objects.requireNonNull(paymentRequest, "paymentRequest");
    JsonNode decoded = rest.get("/v1/payreq/" + URLEncoder.encode(paymentRequest, StandardCharsets.US_ASCII));
    ObjectNode body = rest.newObject();
    body.put("payment_request", paymentRequest);
    body.put("timeout_seconds", (int) PAYMENT_TIMEOUT.toSeconds());
    body.put("fee_limit_msat", String.valueOf(defaultFeeLimitMsat(number(decoded, "num_msat", "payreq"))));
    // Only the final update: the HTLCs in flight on the way are of no interest here.
    body.put("no_inflight_updates", true);
    JsonNode payment = rest.streamedUntil("POST", "/v2/router/send", body,
        PAYMENT_TIMEOUT.plus(endpoint().timeouts().request()), update -> FINAL_STATUSES.contains(
            update.path("status").asText("")));
    if (payment.path("status").asText().equals("FAILED")) {
      throw new PaymentFailedException(endpoint().display(), failureReason(payment.path("failure_reason").asText("")));
    }
    return new Payment(text(payment, "payment_hash", "router/send"), text(payment, "payment_preimage", "router/send"),
        number(payment, "fee_msat", "router/send"));
  }

  /** The payment statuses after which lnd sends no more updates. */
  private static final java.util.Set<String> FINAL_STATUSES = java.util.Set.of("SUCCEEDED", "FAILED");

  /** Payments up to this (1,000 sat) may pay fees up to their amount: base fees dwarf small payments. */
  static final long FEE_LIMIT_FULL_UP_TO_MSAT = 1_000_000;

  /** lnd's default routing fee limit for an amount ({@code lnwallet.DefaultRoutingFeeLimitForAmount}): all of it up
   * to {@link #FEE_LIMIT_FULL_UP_TO_MSAT}, 5 % above. */
  static long defaultFeeLimitMsat(long amountMsat) {
    return amountMsat <= FEE_LIMIT_FULL_UP_TO_MSAT ? amountMsat : amountMsat * 5 / 100;
  }

  /**
   * routerrpc's {@code FAILURE_REASON_NO_ROUTE} as SendPaymentSync wrote it, {@code no_route}: the words lnd's
   * payment errors use.
   */
  static String failureReason(String routerReason) {
    String reason = routerReason.startsWith("FAILURE_REASON_") ? routerReason.substring("FAILURE_REASON_".length())
        : routerReason;
    return reason.isEmpty() ? "error" : reason.toLowerCase(Locale.ROOT);
  }

  /** Most payments one {@link #listPayments()} page asks for. */
  static final int PAYMENTS_PAGE = 1000;

  /**
   * {@code GET /v1/payments?include_incomplete=true}: every payment this node made or tried, failed and in-flight ones
   * too, oldest first, read page by page.
   */
  public List<PaymentRecord> listPayments() {
    List<PaymentRecord> payments = new ArrayList<>();
    long offset = 0;
    while (true) {
      JsonNode page = rest.get("/v1/payments?include_incomplete=true&max_payments=" + PAYMENTS_PAGE
          + "&index_offset=" + offset);
      int before = payments.size();
      for (JsonNode payment : page.path("payments")) {
        payments.add(new PaymentRecord(text(payment, "payment_hash", "payments"), text(payment, "status", "payments"),
            number(payment, "value_sat", "payments"), number(payment, "fee_msat", "payments"),
            payment.path("failure_reason").asText("")));
      }
      long last = number(page, "last_index_offset", "payments");
      if (payments.size() - before < PAYMENTS_PAGE || last <= offset) {
        return List.copyOf(payments);
      }
      offset = last;
    }
  }

  /** {@code GET /v1/invoice/{r_hash}} with the payment hash in hex. */
  public InvoiceStatus lookupInvoice(String rHashHex) {
    if (rHashHex == null || !rHashHex.matches("[0-9a-fA-F]{64}")) {
      throw new IllegalArgumentException("a payment hash is 64 hex digits, not " + rHashHex);
    }
    JsonNode invoice = rest.get("/v1/invoice/" + URLEncoder.encode(rHashHex, StandardCharsets.US_ASCII));
    String state = invoice.path("state").asText("");
    return new InvoiceStatus(state, invoice.path("settled").asBoolean(false) || state.equals("SETTLED"),
        number(invoice, "value", "invoice"), number(invoice, "amt_paid_sat", "invoice"));
  }

  private static String requirePubkey(String pubkey) {
    if (pubkey == null || !pubkey.matches("0[23][0-9a-fA-F]{64}")) {
      throw new IllegalArgumentException("not a compressed public key in hex: " + pubkey);
    }
    return pubkey;
  }

  private ChannelPoint channelPoint(JsonNode channel, String what) {
    try {
      return ChannelPoint.parse(text(channel, "channel_point", what));
    } catch (IllegalArgumentException e) {
      throw malformed(what + ".channel_point: " + e.getMessage());
    }
  }

  /** A {@code bytes} field holding a transaction id: base64 of the internal order, shown reversed. */
  private String txidFromBytes(JsonNode object, String field, String what) {
    byte[] bytes = bytes(object, field, what);
    if (bytes.length != 32) {
      throw malformed(what + "." + field + " holds " + bytes.length + " bytes, not a 32-byte txid");
    }
    byte[] reversed = new byte[32];
    for (int i = 0; i < 32; i++) {
      reversed[i] = bytes[31 - i];
    }
    return HEX.formatHex(reversed);
  }

  private String hexFromBytes(JsonNode object, String field, String what) {
    return HEX.formatHex(bytes(object, field, what));
  }

  private byte[] bytes(JsonNode object, String field, String what) {
    try {
      return Base64.getDecoder().decode(text(object, field, what));
    } catch (IllegalArgumentException e) {
      throw malformed(what + "." + field + " is not base64");
    }
  }

  /** A string field that must be there and not empty; only the field is named on failure. */
  private String text(JsonNode object, String field, String what) {
    JsonNode value = object.path(field);
    if (!value.isTextual() || value.asText().isEmpty()) {
      throw malformed(what + " answered without " + field);
    }
    return value.asText();
  }

  /** A number field: lnd writes 64-bit integers as strings, 32-bit ones as numbers. */
  private long number(JsonNode object, String field, String what) {
    JsonNode value = object.path(field);
    if (value.isIntegralNumber()) {
      return value.asLong();
    }
    if (value.isTextual() && value.asText().matches("-?[0-9]+")) {
      return Long.parseLong(value.asText());
    }
    throw malformed(what + " answered " + (value.isMissingNode() ? "no " + field : field + "=" + value)
        + " where a number was expected");
  }

  private MalformedResponseException malformed(String problem) {
    return new MalformedResponseException(LndRestTransport.SERVICE, endpoint().display(), problem);
  }

  @Override
  public String toString() {
    return "LndNode[" + endpoint().display() + "]";
  }
}
