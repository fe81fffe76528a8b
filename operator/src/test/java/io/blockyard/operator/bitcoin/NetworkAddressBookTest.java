package io.blockyard.operator.bitcoin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NetworkAddressBookTest {
  private final NetworkAddressBook book = new NetworkAddressBook();

  @Test
  void aGonePodsAddressStaysOwnedWhileANodeStillListsIt() {
    book.owned("uid", Set.of("10.0.0.2:18444", "10.0.0.3:18444"));
    // The pass in which 10.0.0.3 went away could not take it off node 0's list.
    book.prune("uid", Set.of("10.0.0.2:18444"), List.of(List.of("10.0.0.3:18444")));

    assertThat(book.owned("uid", Set.of("10.0.0.2:18444"))).containsExactlyInAnyOrder("10.0.0.2:18444",
        "10.0.0.3:18444");
  }

  @Test
  void anAddressNoNodeListsAndNoPodHasIsForgotten() {
    book.owned("uid", Set.of("10.0.0.2:18444", "10.0.0.3:18444"));
    book.prune("uid", Set.of("10.0.0.2:18444"), List.of(List.of()));

    assertThat(book.owned("uid", Set.of())).containsExactly("10.0.0.2:18444");
  }

  @Test
  void networksDoNotShareAddresses() {
    book.owned("a", Set.of("10.0.0.2:18444"));

    assertThat(book.owned("b", Set.of("10.0.0.9:18444"))).containsExactly("10.0.0.9:18444");
    book.forget("a");
    assertThat(book.owned("a", Set.of())).isEmpty();
  }
}
