# Sourced by bin/ferrum and script/test: finds a JDK >= 21 (JAVA_HOME first, then /usr/lib/jvm/*, newest
# first) and exports JAVA_HOME, because the machine's default java may be older.
java_major() {
  "$1/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -1
}

find_jdk() {
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/javac" ]; then
    local v; v=$(java_major "$JAVA_HOME")
    if [ -n "$v" ] && [ "$v" -ge 21 ]; then echo "$JAVA_HOME"; return 0; fi
  fi
  local best="" best_v=0 d v
  for d in /usr/lib/jvm/*; do
    [ -x "$d/bin/javac" ] || continue
    v=$(java_major "$d")
    if [ -n "$v" ] && [ "$v" -ge 21 ] && [ "$v" -gt "$best_v" ]; then best="$d"; best_v="$v"; fi
  done
  [ -n "$best" ] && echo "$best"
}

JDK=$(find_jdk) || true
if [ -z "${JDK:-}" ]; then
  echo "ferrum: no JDK 21 or newer found (checked JAVA_HOME and /usr/lib/jvm/*)." >&2
  echo "ferrum: install one, e.g. 'apt-get install openjdk-21-jdk-headless' or Temurin 21+, or set JAVA_HOME." >&2
  exit 1
fi
export JAVA_HOME="$JDK"
