#!/usr/bin/env bash
# Module-path check: compiles and runs a tiny named module outside the reactor against the built jars, as a user's
# module that says `requires dev.modbustoolkit.pdu;` would (JSpecify, an optional dependency, absent). It fails if a
# module descriptor requires something a user does not have (e.g. `requires static transitive org.jspecify`).
#
# Run after `./mvnw package` (or verify):  .ci/module-path-check.sh
# JAVA_HOME (or JDK, or the first JDK 21+ under /usr/lib/jvm) gives javac and java; Maven's own Java may be older.
set -euo pipefail
cd "$(dirname "$0")/.."

find_jdk() {
  local candidate
  for candidate in "${JDK:-}" "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/*; do
    [ -n "$candidate" ] && [ -x "$candidate/bin/javac" ] || continue
    local feature
    feature=$("$candidate/bin/javac" -version 2>&1 | sed -E 's/^javac ([0-9]+).*/\1/')
    if [ "${feature:-0}" -ge 21 ] 2>/dev/null; then
      echo "$candidate"
      return 0
    fi
  done
  return 1
}
jdk=$(find_jdk) || { echo "module-path-check: no JDK 21+ found (set JAVA_HOME or JDK)" >&2; exit 1; }

version=$(sed -n 's:^  <version>\(.*\)</version>:\1:p' pom.xml | head -1)
jar=modbus-pdu/target/modbus-pdu-$version.jar
[ -f "$jar" ] || { echo "module-path-check: $jar missing: run ./mvnw package first" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/src/check" "$work/mods"
cp "$jar" "$work/mods/"

cat > "$work/src/module-info.java" <<'JAVA'
module check {
  requires dev.modbustoolkit.pdu;
}
JAVA
cat > "$work/src/check/Main.java" <<'JAVA'
package check;

import dev.modbustoolkit.pdu.ModbusLimits;
import dev.modbustoolkit.pdu.ModbusPduCodec;
import dev.modbustoolkit.pdu.ReadHoldingRegistersRequest;
import java.nio.ByteBuffer;
import java.util.HexFormat;

public final class Main {
  public static void main(String[] args) {
    ByteBuffer buf = ByteBuffer.allocate(ModbusLimits.MAX_PDU_LENGTH);
    ModbusPduCodec.encode(new ReadHoldingRegistersRequest(0x006B, 3), buf);
    buf.flip();
    byte[] bytes = new byte[buf.remaining()];
    buf.get(bytes);
    String hex = HexFormat.of().formatHex(bytes);
    if (!hex.equals("03006b0003")) {
      throw new AssertionError("encoded " + hex + ", expected 03006b0003");
    }
    System.out.println("module-path-check: " + hex);
  }
}
JAVA

echo "module-path-check: javac $("$jdk/bin/javac" -version 2>&1), module path: $(ls "$work/mods")"
"$jdk/bin/javac" -Werror -Xlint:all --module-path "$work/mods" -d "$work/out" \
  "$work/src/module-info.java" "$work/src/check/Main.java"
"$jdk/bin/java" --module-path "$work/out:$work/mods" --module check/check.Main

# Second check: a module that requires every published library module (the simulator is an application), with
# their jars and only their required (non-optional) third-party dependencies, from the local Maven repository.
repo=${MAVEN_REPO:-$HOME/.m2/repository}
prop() { sed -n "s:.*<$1>\(.*\)</$1>.*:\1:p" pom.xml | head -1; }
mkdir -p "$work/all/src/checkall" "$work/all/mods"
libraries=(modbus-pdu modbus-mbap modbus-serial-framing modbus-registers modbus-server-core modbus-fault
           modbus-transport modbus-server-tcp modbus-server-udp modbus-server-rtu)
for module in "${libraries[@]}"; do
  jar=$module/target/$module-$version.jar
  [ -f "$jar" ] || { echo "module-path-check: $jar missing: run ./mvnw package first" >&2; exit 1; }
  cp "$jar" "$work/all/mods/"
done
for dep in "org/hdrhistogram/HdrHistogram/$(prop hdrhistogram.version)/HdrHistogram-$(prop hdrhistogram.version).jar" \
           "org/slf4j/slf4j-api/$(prop slf4j.version)/slf4j-api-$(prop slf4j.version).jar" \
           "com/fazecast/jSerialComm/$(prop jserialcomm.version)/jSerialComm-$(prop jserialcomm.version).jar"; do
  [ -f "$repo/$dep" ] || { echo "module-path-check: $repo/$dep missing: run ./mvnw package first" >&2; exit 1; }
  cp "$repo/$dep" "$work/all/mods/"
done
cat > "$work/all/src/module-info.java" <<'JAVA'
module checkall {
  requires dev.modbustoolkit.pdu;
  requires dev.modbustoolkit.mbap;
  requires dev.modbustoolkit.serial;
  requires dev.modbustoolkit.registers;
  requires dev.modbustoolkit.server.core;
  requires dev.modbustoolkit.fault;
  requires dev.modbustoolkit.transport;
  requires dev.modbustoolkit.server.tcp;
  requires dev.modbustoolkit.server.udp;
  requires dev.modbustoolkit.server.rtu;
}
JAVA
cat > "$work/all/src/checkall/Main.java" <<'JAVA'
package checkall;

public final class Main {
  public static void main(String[] args) {
    for (String name : new String[] {"dev.modbustoolkit.pdu", "dev.modbustoolkit.mbap", "dev.modbustoolkit.serial",
        "dev.modbustoolkit.registers", "dev.modbustoolkit.server.core", "dev.modbustoolkit.fault",
        "dev.modbustoolkit.transport", "dev.modbustoolkit.server.tcp", "dev.modbustoolkit.server.udp",
        "dev.modbustoolkit.server.rtu"}) {
      if (ModuleLayer.boot().findModule(name).isEmpty()) {
        throw new AssertionError("module " + name + " not resolved");
      }
    }
    System.out.println("module-path-check: every library module resolves without JSpecify");
  }
}
JAVA
"$jdk/bin/javac" -Xlint:all,-requires-automatic --module-path "$work/all/mods" -d "$work/all/out" \
  "$work/all/src/module-info.java" "$work/all/src/checkall/Main.java"
"$jdk/bin/java" --module-path "$work/all/out:$work/all/mods" --module checkall/checkall.Main
echo "module-path-check: passed"
