#!/usr/bin/env bash
# Consumer IT: first, every Java snippet of README.md must stand as it is in a source file that is compiled here
# (consumer-it/) or in the reactor (modbus-junit's tests): .ci/ReadmeSnippets.java. Then a user's application
# outside the reactor (consumer-it/, not in the parent's <modules>) that depends on the installed toolkit artifacts,
# compiles those snippets and runs the ones that can run on loopback (the codec; the embedded TCP, RTU over TCP and
# UDP servers, read by the client; the gateway), three ways: on the class path, on the module path, and as a jlink
# image. Then one jlink image of every library module, so that an automatic module (HdrHistogram was one), a split
# package or a missing dependency anywhere in the libraries' module graph fails here. Each run checks its values
# and exits non-zero on a wrong one.
#
# Run after `./mvnw verify` (.ci/run does):  .ci/consumer-it.sh
# It installs the library modules once, without tests, into a throwaway local repository under target/ (read-only
# tail: ~/.m2/repository, or MAVEN_REPO, so nothing is downloaded twice and ~/.m2 is left alone); SKIP_INSTALL=1
# reuses the last one. JDK (or JAVA_HOME, or JDK 25, or the first JDK 21+ under /usr/lib/jvm) gives javac, java
# and jlink, and runs the consumer's own Maven build; the toolkit's Maven may run on an older Java.
set -euo pipefail
cd "$(dirname "$0")/.."

find_jdk() {
  local candidate
  for candidate in "${JDK:-}" "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/*; do
    [ -n "$candidate" ] && [ -x "$candidate/bin/jlink" ] || continue
    local feature
    feature=$("$candidate/bin/javac" -version 2>&1 | sed -E 's/^javac ([0-9]+).*/\1/')
    if [ "${feature:-0}" -ge 21 ] 2>/dev/null; then
      echo "$candidate"
      return 0
    fi
  done
  return 1
}
jdk=$(find_jdk) || { echo "consumer-it: no JDK 21+ with jlink found (set JDK or JAVA_HOME)" >&2; exit 1; }

prop() { sed -n "s:.*<$1>\(.*\)</$1>.*:\1:p" pom.xml | head -1; }
version=$(sed -n 's:^  <version>\(.*\)</version>:\1:p' pom.xml | head -1)
work=$PWD/target/consumer-it
repo=$work/repo
tail_repo=${MAVEN_REPO:-$HOME/.m2/repository}
repos=(-Dmaven.repo.local="$repo" -Dmaven.repo.local.tail="$tail_repo")
libraries=(modbus-pdu modbus-mbap modbus-serial-framing modbus-registers modbus-server-core modbus-fault
           modbus-transport modbus-server-tcp modbus-server-udp modbus-server-rtu modbus-client modbus-gateway)
echo "consumer-it: toolkit $version, $("$jdk/bin/java" -version 2>&1 | head -1) at $jdk"

# Before anything is built: a README snippet that no compiled file holds as written fails in a second.
"$jdk/bin/java" .ci/ReadmeSnippets.java README.md consumer-it/src/main/java modbus-junit/src/test/java

started=$SECONDS
if [ -z "${SKIP_INSTALL:-}" ]; then
  rm -rf "$repo"
  ./mvnw -B -q install -DskipTests -Dmaven.javadoc.skip=true -Dmaven.source.skip=true -Dgpg.skip=true \
    -pl "$(IFS=,; echo "${libraries[*]}")" -am "${repos[@]}"
  echo "consumer-it: installed ${#libraries[@]} library modules into $repo in $((SECONDS - started)) s"
fi

# The consumer's build, as a user runs it: its own pom, the toolkit version of this checkout.
JAVA_HOME=$jdk ./mvnw -B -q -f consumer-it/pom.xml clean package "${repos[@]}" \
  -Dtoolkit.version="$version" -Dslf4j.version="$(prop slf4j.version)"
app=consumer-it/target/modbus-consumer-it.jar
lib=consumer-it/target/lib
main=com.example.modbusconsumer.QuickStarts
echo "consumer-it: runtime dependencies: $(ls "$lib" | tr '\n' ' ')"

# (a) class path, (b) module path, (c) a jlink image of the application's modules.
timeout 120 "$jdk/bin/java" -cp "$app:$lib/*" "$main" class-path
timeout 120 "$jdk/bin/java" --module-path "$app:$lib" --module "com.example.modbusconsumer/$main" module-path
rm -rf "$work/image"
# slf4j-simple is bound through ServiceLoader: jlink adds only what is required, so it is named here.
"$jdk/bin/jlink" --module-path "$app:$lib" --add-modules com.example.modbusconsumer,org.slf4j.simple \
  --strip-debug --no-header-files --no-man-pages --output "$work/image"
timeout 120 "$work/image/bin/java" --module "com.example.modbusconsumer/$main" jlink

# Every library module in one image, with only its required (non-optional) dependencies.
mkdir -p "$work/all"
rm -rf "$work/all/mods" "$work/all/image"
mkdir "$work/all/mods"
modules=()
for module in "${libraries[@]}"; do
  jar=$repo/dev/modbustoolkit/$module/$version/$module-$version.jar
  [ -f "$jar" ] || { echo "consumer-it: $jar missing (run without SKIP_INSTALL)" >&2; exit 1; }
  cp "$jar" "$work/all/mods/"
  modules+=("$("$jdk/bin/jar" --describe-module --file "$jar" | head -1 | sed 's/@.*//; s/ .*//')")
done
cp "$lib"/slf4j-api-*.jar "$lib"/jSerialComm-*.jar "$work/all/mods/"
"$jdk/bin/jlink" --module-path "$work/all/mods" --add-modules "$(IFS=,; echo "${modules[*]}")" \
  --strip-debug --no-header-files --no-man-pages --output "$work/all/image"
listed=$("$work/all/image/bin/java" --list-modules)
for m in "${modules[@]}"; do
  grep -q "^$m@" <<<"$listed" || { echo "consumer-it: $m is not in the image of every library module" >&2; exit 1; }
done
echo "consumer-it: one jlink image holds all ${#modules[@]} library modules: ${modules[*]}"
echo "consumer-it: passed in $((SECONDS - started)) s"
