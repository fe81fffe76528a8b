package io.blockyard.operator.lightning;

import io.blockyard.api.lightning.LightningNames;
import io.blockyard.api.lightning.LightningNode;
import io.blockyard.api.lightning.NodeConditionReason;
import io.blockyard.rpc.lnd.LndErrorException;
import java.util.Locale;

/**
 * Tells a wallet the operator made from one someone else made first. lnd runs with {@code --wallet-unlock-allow-create}
 * and answers initwallet to whoever calls first; the NetworkPolicy admits only the operator and labelled clients, and
 * these signs catch what gets through all the same. Pure: it reads lnd's answers, it calls nothing.
 */
public final class WalletCustody {
  /** The WalletReady (and Ready) reason, and the Warning Event's. */
  public static final String NOT_OURS = NodeConditionReason.WALLET_NOT_CREATED_BY_OPERATOR.reason();

  private WalletCustody() {}

  /** What gave the foreign wallet away. */
  public enum Sign {
    /** initwallet or genseed refused: a wallet came into being between the operator's state call and its own. */
    CREATED_FIRST,
    /** The wallet does not open with the password in the wallet Secret. */
    PASSWORD_REFUSED,
    /** The wallet exists, and the wallet Secret holds neither its admin macaroon nor the root key the operator makes. */
    NEVER_INITIALISED,
    /** lnd refuses the admin macaroon made from the operator's root key: the wallet has other macaroon keys. */
    MACAROON_REFUSED
  }

  /** The failure of a call during creation, when it means someone else created the wallet first. */
  public static boolean createdFirst(LndErrorException e) {
    String m = lower(e);
    return m.contains("wallet already exists") || m.contains("walletunlocker service is no longer available");
  }

  /** The failure of unlockwallet, when it means the stored password does not open this wallet. */
  public static boolean passwordRefused(LndErrorException e) {
    return lower(e).contains("invalid passphrase");
  }

  /** The failure of a call with the admin macaroon, when it means the wallet's macaroon root key is not the operator's. */
  public static boolean macaroonRefused(LndErrorException e) {
    String m = lower(e);
    return m.contains("signature mismatch") || m.contains("verification failed")
        || m.contains("cannot get macaroon");
  }

  private static String lower(LndErrorException e) {
    return e.lndMessage() == null ? "" : e.lndMessage().toLowerCase(Locale.ROOT);
  }

  /** The condition message: what was seen, what it means for the seed, and what to do. */
  public static String message(LightningNode node, Sign sign) {
    LightningNames names = LightningNames.of(node);
    String seen = switch (sign) {
      case CREATED_FIRST -> "lnd refused to create the wallet because one was created meanwhile, not by the operator";
      case PASSWORD_REFUSED -> "lnd's wallet does not open with the password in Secret "
          + WalletSecrets.walletSecretName(node) + " (if that Secret was changed since the wallet was made, put the "
          + "wallet's password back)";
      case NEVER_INITIALISED -> "lnd has a wallet that the operator never created: Secret "
          + WalletSecrets.walletSecretName(node) + " holds neither its admin macaroon nor the macaroon root key the "
          + "operator writes before it creates a wallet (only an operator older than the root keys, stopped between "
          + "creating a wallet and storing its macaroon, leaves that too: then put lnd's admin.macaroon, hex, into "
          + "that Secret under admin.macaroon)";
      case MACAROON_REFUSED -> "lnd refuses the admin macaroon made from the operator's macaroon root key in Secret "
          + WalletSecrets.walletSecretName(node);
    };
    return seen + ". Someone may have called initwallet on pod " + names.pod() + " before the operator did: this "
        + "wallet's keys are not the ones the operator keeps, and Secret " + WalletSecrets.seedSecretName(node)
        + " (if it exists) does not hold this wallet's seed. The operator changes nothing (no seed, password or "
        + "macaroon is overwritten). Check who can reach port " + LndProgram.REST_PORT + " of the pod (NetworkPolicy "
        + names.networkPolicy() + "), send no funds to this node, and recreate it once the cause is found";
  }
}
