#!/usr/bin/env bash
# Builds the Debian packages from this build tree, unpacks them into a scratch root (dpkg -x, no root needed),
# then checks what a user gets: the binary runs from there, the manual page and the completions are in place and
# load, and examples/startup-check builds against the installed strata-dev package (find_package(strata)) and
# refuses to start on a database with pending migrations, then starts after `strata upgrade`.
# usage: package_test.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
build=$1
source=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "package_test: $*" >&2; exit 1; }

cpack --config "$build/CPackConfig.cmake" -B "$work/out" >"$work/cpack.log" 2>&1 || { cat "$work/cpack.log"; fail "cpack failed"; }
runtime=$(ls "$work"/out/strata_*.deb)
dev=$(ls "$work"/out/strata-dev_*.deb)
# Output is captured before grep reads it: with pipefail, `producer | grep -q` fails when grep exits at the first
# match and the producer, still writing, dies of SIGPIPE.
dev_info=$(dpkg-deb --info "$dev")
grep -q 'Depends: .*libpg-query-dev' <<<"$dev_info" || fail "strata-dev does not depend on libpg-query-dev"
root=$work/root
dpkg -x "$runtime" "$root"
dpkg -x "$dev" "$root"

# The library directory is lib/ or lib/<multiarch>/, as GNUInstallDirs chose when the build was configured.
libdir=$(cd "$root" && dirname "$(find usr/lib -name libstrata.a | head -n 1)")
[[ $libdir == usr/lib* ]] || fail "the packages do not install libstrata.a"
for file in usr/bin/strata usr/share/man/man1/strata.1 usr/share/bash-completion/completions/strata \
  usr/share/zsh/vendor-completions/_strata usr/share/fish/vendor_completions.d/strata.fish \
  usr/share/doc/strata/README.md usr/include/strata/strata.hpp usr/include/strata/version.hpp usr/include/strata/error.hpp \
  "$libdir/cmake/strata/strataConfig.cmake" "$libdir/pkgconfig/strata.pc"; do
  [[ -e $root/$file ]] || fail "the packages do not install $file"
done

# The public headers include only each other: nothing from src/ is installed or needed.
[[ ! -e $root/usr/include/strata/core ]] || fail "the packages install private headers (include/strata/core)"
if grep -h '#include "' "$root"/usr/include/strata/*.hpp | grep -v '#include "strata/\(strata\|error\|version\)\.hpp"'; then
  fail "a public header includes a private one"
fi

version=$("$root/usr/bin/strata" --version)
grep -Eq '^strata [0-9]+\.[0-9]+\.[0-9]+ \(commit ' <<<"$version" || fail "--version gave: $version"
# One manual section per command of the table.
for command in $("$root/usr/bin/strata" --help | sed -n '/^commands:/,/^$/p' | awk 'NR > 1 && NF { print $1 }'); do
  grep -qF ".SS \"strata ${command//-/\\-}\"" "$root/usr/share/man/man1/strata.1" || fail "no manual section for $command"
done
if command -v man >/dev/null; then
  problems=$(MANWIDTH=100 man -l "$root/usr/share/man/man1/strata.1" 2>&1 >/dev/null)
  [[ -z $problems ]] || fail "man reports problems: $problems"
fi
# The bash completion loads and completes a command name and an option.
completions=$(bash -c 'source "$1"; COMP_WORDS=(strata upg); COMP_CWORD=1; _strata; echo "${COMPREPLY[*]}";
                       COMP_WORDS=(strata upgrade --lock-t); COMP_CWORD=2; _strata; echo "${COMPREPLY[*]}"' \
              _ "$root/usr/share/bash-completion/completions/strata")
[[ $completions == $'upgrade\n--lock-timeout' ]] || fail "bash completion gave: $completions"

# The example, built against the unpacked package only.
cmake -S "$source/examples/startup-check" -B "$work/example" -DCMAKE_PREFIX_PATH="$root/usr" \
  -DCMAKE_BUILD_TYPE=Release >"$work/example.log" 2>&1 || { cat "$work/example.log"; fail "configure the example"; }
cmake --build "$work/example" >>"$work/example.log" 2>&1 || { cat "$work/example.log"; fail "build the example"; }
# pkg-config sees the package too.
cflags=$(PKG_CONFIG_PATH=$root/$libdir/pkgconfig pkg-config --define-prefix --cflags strata)
grep -q -- '-I' <<<"$cflags" || fail "pkg-config strata gave: $cflags"

project=$work/project
mkdir -p "$project"
cp -r "$source/examples/migrations" "$project/migrations"
printf '[repository]\npath = "migrations"\n\n[databases.main]\nurl = "sqlite:app.db"\n' >"$project/strata.toml"
: >"$project/app.db"  # an empty file is an empty SQLite database; status does not create one
set +e
(cd "$project" && "$work/example/startup-check" >"$work/refused.log" 2>&1)
refused=$?
set -e
[[ $refused -eq 1 ]] || { cat "$work/refused.log"; fail "startup-check on a new database exited $refused, not 1"; }
(cd "$project" && "$root/usr/bin/strata" upgrade >/dev/null)
(cd "$project" && "$work/example/startup-check") || fail "startup-check after upgrade"
echo "package_test: ok"
