package org.ddrm.eval.claim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Claims: one holder among racers, released and expired claims free, renewal keeps a claim. */
class ClaimTest {
  private static final Duration LONG = Duration.ofMinutes(5);

  @TempDir Path dir;

  @Test
  void ofManyRacersStartedAtOneInstantExactlyOneGetsTheClaim() throws Exception {
    int racers = 16;
    ExecutorService pool = Executors.newFixedThreadPool(racers);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Optional<Claim>>> tries = new ArrayList<>();
    for (int k = 0; k < racers; k++) {
      tries.add(pool.submit(() -> {
        start.await();
        return Claim.tryAcquire(dir.resolve("claim"), LONG);
      }));
    }
    start.countDown();
    List<Claim> held = new ArrayList<>();
    for (Future<Optional<Claim>> attempt : tries) {
      attempt.get().ifPresent(held::add);
    }
    pool.shutdown();
    assertThat(held).hasSize(1);
    LeaseRecord holder = Claim.holder(dir.resolve("claim")).orElseThrow();
    assertThat(holder.pid()).isEqualTo(ProcessHandle.current().pid());
    assertThat(holder.host()).isNotBlank();
    held.get(0).close();
  }

  @Test
  void aReleasedClaimIsFreeAtOnceAndTheOldLeaseFileGoes() throws Exception {
    Path claim = dir.resolve("claim");
    Claim first = Claim.tryAcquire(claim, LONG).orElseThrow();
    assertThat(Claim.tryAcquire(claim, LONG)).isEmpty();
    first.close();
    assertThat(Claim.holder(claim)).isEmpty();
    try (Claim second = Claim.tryAcquire(claim, LONG).orElseThrow()) {
      assertThat(Claim.holder(claim)).isPresent();
      try (Stream<Path> files = Files.list(claim)) {
        assertThat(files.map(f -> f.getFileName().toString())).containsExactly("lease-000000000001");
      }
    }
  }

  @Test
  void theClaimOfAHolderThatDiedIsTakenOverWhenItsLeaseRunsOut() throws Exception {
    Path claim = dir.resolve("claim");
    Files.createDirectories(claim);
    // what a holder killed with -9 leaves: a lease nobody renews, expired a moment ago
    Files.writeString(claim.resolve("lease-000000000000"), new LeaseRecord("elsewhere", 4242,
        "dead", System.currentTimeMillis() - 1, false).text());
    assertThat(Claim.holder(claim)).isEmpty();
    assertThat(Claim.latest(claim).orElseThrow().pid()).isEqualTo(4242);
    try (Claim taken = Claim.tryAcquire(claim, LONG).orElseThrow()) {
      assertThat(Claim.holder(claim).orElseThrow().pid()).isEqualTo(ProcessHandle.current().pid());
      assertThat(claim.resolve("lease-000000000000")).doesNotExist();
    }
  }

  @Test
  void aLiveHoldersLeaseIsRenewedPastItsLength() throws Exception {
    Path claim = dir.resolve("claim");
    try (Claim held = Claim.tryAcquire(claim, Duration.ofMillis(300)).orElseThrow()) {
      Thread.sleep(1000);
      assertThat(Claim.tryAcquire(claim, LONG)).isEmpty();
      assertThat(held.lost()).isFalse();
    }
  }

  @Test
  void aHolderStalledPastItsLeaseLearnsThatItLostTheClaim() throws Exception {
    Path claim = dir.resolve("claim");
    Claim stalled = Claim.tryAcquire(claim, Duration.ofMillis(1500)).orElseThrow();
    // the stalled holder's lease file, made to look expired; another process takes over
    Path file = claim.resolve("lease-000000000000");
    LeaseRecord record = LeaseRecord.read(file).orElseThrow();
    Files.writeString(file, new LeaseRecord(record.host(), record.pid(), record.token(), 0,
        false).text());
    try (Claim taker = Claim.tryAcquire(claim, LONG).orElseThrow()) {
      Thread.sleep(1000);
      assertThat(stalled.lost()).isTrue();
      stalled.close();
      assertThat(Claim.holder(claim).orElseThrow().token()).isNotEqualTo(record.token());
    }
  }

  @Test
  void anUnwritableClaimDirectoryIsAClaimException() throws Exception {
    Path file = Files.writeString(dir.resolve("a-file"), "x");
    assertThatThrownBy(() -> Claim.tryAcquire(file.resolve("claim"), LONG))
        .isInstanceOf(ClaimException.class).hasMessageContaining("a-file");
  }
}
