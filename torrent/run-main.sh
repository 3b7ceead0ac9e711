#!/bin/sh
# Runs a main class from the torrent module's main or test classes, for the scripts in testdata/ and
# bench/:  torrent/run-main.sh <class> [args...]
#
# The build works offline and picks JDK 25 through toolchains, so this asks it rather than guessing:
# it compiles the module and runs one small test class, whose surefire report records the exact
# classpath and java.home the build used.
set -eu
module=$(cd "$(dirname "$0")" && pwd)
probe=dev.eddy.torrent.pieces.BitfieldTest
# -am builds the loop module in the same reactor, since torrent's tests use its test jar.
(cd "$(dirname "$module")" && mvn -B -q -o -pl torrent -am test -Dtest=BitfieldTest -Dsurefire.failIfNoSpecifiedTests=false) >&2
report="$module/target/surefire-reports/TEST-$probe.xml"
property() {
    sed -n "s/.*<property name=\"$1\" value=\"\([^\"]*\)\".*/\1/p" "$report" | head -n 1
}
classpath=$(property surefire.test.class.path)
java_home=$(property java.home)
[ -n "$classpath" ] && [ -x "$java_home/bin/java" ] || { echo "run-main.sh: no classpath or java in $report" >&2; exit 1; }
# JVM_FLAGS, if set, go before the class path (for instance the flags ./eddy runs with).
exec "$java_home/bin/java" ${JVM_FLAGS:-} -cp "$classpath" "$@"
