package dev.modbustoolkit.server.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CommEventLogTest {

  @Test
  void keepsTheLast64EventsMostRecentFirst() {
    CommEventLog log = new CommEventLog();
    for (int i = 0; i < 70; i++) {
      log.add(i);
    }

    byte[] events = log.events();

    assertThat(log.size()).isEqualTo(64);
    assertThat(events).hasSize(64);
    for (int i = 0; i < 64; i++) {
      assertThat(events[i]).isEqualTo((byte) (69 - i));
    }
  }

  @Test
  void clearEmptiesTheLog() {
    CommEventLog log = new CommEventLog();
    log.add(0x80);
    log.add(0x40);
    log.clear();

    assertThat(log.events()).isEmpty();
    log.add(0x04);
    assertThat(log.events()).containsExactly(0x04);
    assertThat(log.size()).isEqualTo(1);
  }

  @Test
  void sendEventBitsFollowTheExceptionCode() {
    assertThat(CommEventLog.sendEvent(0, false)).isEqualTo(0x40);
    assertThat(CommEventLog.sendEvent(1, false)).isEqualTo(0x41);
    assertThat(CommEventLog.sendEvent(2, false)).isEqualTo(0x41);
    assertThat(CommEventLog.sendEvent(3, false)).isEqualTo(0x41);
    assertThat(CommEventLog.sendEvent(4, false)).isEqualTo(0x42);
    assertThat(CommEventLog.sendEvent(5, false)).isEqualTo(0x44);
    assertThat(CommEventLog.sendEvent(6, true)).isEqualTo(0x64);
    assertThat(CommEventLog.sendEvent(7, false)).isEqualTo(0x48);
    assertThat(CommEventLog.sendEvent(0x0B, false)).isEqualTo(0x40);
  }

  @Test
  void rejectsValuesThatAreNotBytes() {
    CommEventLog log = new CommEventLog();

    assertThatThrownBy(() -> log.add(256)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> log.add(-1)).isInstanceOf(IllegalArgumentException.class);
    log.add(0xFF);
    assertThat(log.events()).containsExactly(0xFF);
  }
}
