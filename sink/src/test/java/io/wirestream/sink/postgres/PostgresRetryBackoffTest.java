package io.wirestream.sink.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PostgresRetryBackoffTest {

    @Test
    void theWaitDoublesFromTheFirstBackoffUpToTheMaximumAndASuccessStartsOver() {
        PostgresSinkTask.Backoff backoff = new PostgresSinkTask.Backoff();
        long now = 0;
        assertThat(backoff.remainingMs(now)).isZero();

        assertThat(backoff.failed(now, 100, 700)).isEqualTo(100);
        assertThat(backoff.failed(now, 100, 700)).isEqualTo(200);
        assertThat(backoff.failed(now, 100, 700)).isEqualTo(400);
        assertThat(backoff.failed(now, 100, 700)).isEqualTo(700);
        for (int i = 0; i < 100; i++) {
            assertThat(backoff.failed(now, 100, 700)).isEqualTo(700);
        }
        assertThat(backoff.remainingMs(now)).isEqualTo(700);
        assertThat(backoff.remainingMs(now + 699_000_000L)).isEqualTo(1);
        assertThat(backoff.remainingMs(now + 700_000_000L)).isZero();

        backoff.reset();
        assertThat(backoff.remainingMs(now)).isZero();
        assertThat(backoff.failed(now, 100, 700)).isEqualTo(100);
    }
}
