#!/bin/bash
# What the analyzers cost a build of real code that regulates nothing, as the compiler reports it
# (-p:ReportAnalyzer=true): Newtonsoft.Json at 09bb545, Src/Newtonsoft.Json, net8.0 only, full rebuilds in a
# cold compiler (-p:UseSharedCompilation=false), alternating the configurations round by round:
#   agreement-rules          the packed AgreementRules analyzers (analyzers/dotnet/cs of the .nupkg), no rules
#   agreement-rules-rules    the same with the repository's rules/*.rules as AdditionalFiles
#   banned-api               Microsoft.CodeAnalysis.BannedApiAnalyzers 5.6.0 with a two-line BannedSymbols.txt
# Wall times: run it on a quiet machine (see docs/performance.md, "Analyzers on code that regulates nothing, third pass").
#
# usage: tests/AgreementRules.Benchmarks/analyzer-time.sh [rounds] [newtonsoft-git-dir]
#   rounds              default 3; the script prints every round and the median per configuration
#   newtonsoft-git-dir  a clone or mirror of JamesNK/Newtonsoft.Json holding 09bb545
#                       (default /work/.mirror/JamesNK+Newtonsoft.Json/repo, what `fetch github:JamesNK/Newtonsoft.Json` gives)
#
# What is changed in Newtonsoft.Json for the build, and why: only net8.0 is built (-p:LibraryFrameworks=net8.0);
# Microsoft.SourceLink.GitHub is taken at 11.0.100 (the version the local package mirror holds for this SDK);
# package validation (needs the 13.0.1 baseline package) and signing are off; the SDK's trim, AOT, single-file and
# .NET analyzers are off so that they do not compete with the measured ones. The analyzers under test are added
# by a Directory.Build.targets next to the project; nothing in Newtonsoft.Json's sources changes.
set -euo pipefail
rounds=${1:-3}
mirror=${2:-/work/.mirror/JamesNK+Newtonsoft.Json/repo}
repo=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d /tmp/analyzer-time.XXXXXX)
echo "work folder: $work (load average: $(cut -d' ' -f1-3 /proc/loadavg))"

git -C "$mirror" archive -o "$work/nj.tar" 09bb545 Src/Newtonsoft.Json Src/Directory.Build.props Src/NuGet.Config
mkdir "$work/nj" && tar -xf "$work/nj.tar" -C "$work/nj"
project="$work/nj/Src/Newtonsoft.Json"

# The analyzers as the package ships them.
dotnet pack "$repo/src/AgreementRules.Package" -c Release -o "$work/pkg" > "$work/pack.log" 2>&1 || { cat "$work/pack.log"; exit 1; }
mkdir "$work/agr" && (cd "$work/agr" && unzip -q "$work"/pkg/AgreementRules.*.nupkg 'analyzers/dotnet/cs/*')
agr="$work/agr/analyzers/dotnet/cs"
ls "$agr"/AgreementRules.Analyzers.dll "$agr"/AgreementRules.dll "$agr"/Sprache.dll > /dev/null

printf 'T:System.Console;Use a logger\nM:System.Environment.Exit(System.Int32);Do not exit the host\n' > "$work/BannedSymbols.txt"
cat > "$project/Directory.Build.targets" <<EOF
<Project>
  <!-- Measurement only: the analyzers under test, added from outside. -->
  <ItemGroup Condition="'\$(AgrDir)' != ''">
    <Analyzer Include="\$(AgrDir)/AgreementRules.Analyzers.dll;\$(AgrDir)/AgreementRules.dll;\$(AgrDir)/Sprache.dll" />
  </ItemGroup>
  <ItemGroup Condition="'\$(AgrRules)' != ''">
    <AdditionalFiles Include="\$(AgrRules)/*.rules" />
  </ItemGroup>
  <ItemGroup Condition="'\$(Banned)' == 'true'">
    <PackageReference Include="Microsoft.CodeAnalysis.BannedApiAnalyzers" Version="5.6.0" PrivateAssets="all" />
    <AdditionalFiles Include="$work/BannedSymbols.txt" />
  </ItemGroup>
</Project>
EOF

common=(-c Release -p:LibraryFrameworks=net8.0 -p:MicrosoftSourceLinkGitHubPackageVersion=11.0.100 -p:EnablePackageValidation=false
        -p:SignAssembly=false -p:EnableTrimAnalyzer=false -p:EnableSingleFileAnalyzer=false -p:EnableAotAnalyzer=false
        -p:EnableNETAnalyzers=false -p:UseSharedCompilation=false)
declare -A args=(
  [agreement-rules]="-p:AgrDir=$agr"
  [agreement-rules-rules]="-p:AgrDir=$agr -p:AgrRules=$repo/rules"
  [banned-api]="-p:Banned=true"
)
configs=(agreement-rules agreement-rules-rules banned-api)

# Restore every configuration once (the BannedApiAnalyzers package only in its own), then check that it builds.
for c in "${configs[@]}"; do
  # shellcheck disable=SC2086
  dotnet build "$project" "${common[@]}" ${args[$c]} > "$work/$c.warmup.log" 2>&1 || { tail -30 "$work/$c.warmup.log"; exit 1; }
done

# The compiler's per-analyzer table: "Total analyzer execution time: X seconds.", then one line per analyzer assembly
# ("  0.142   44   AgreementRules.Analyzers, Version=...") followed by its analyzers; the assembly's line is taken.
analyzer_time() { # log, assembly name
  awk -v name="$2" '/Total analyzer execution time/ { on = 1; next } /Total generator execution time/ { on = 0 }
    on && index($0, name ", Version=") { print $1; exit }' "$1"
}
declare -A times
for r in $(seq 1 "$rounds"); do
  for c in "${configs[@]}"; do
    log="$work/$c.$r.log"
    # shellcheck disable=SC2086
    dotnet build "$project" "${common[@]}" ${args[$c]} --no-restore --no-incremental -p:ReportAnalyzer=true -v:d > "$log" 2>&1 || { tail -30 "$log"; exit 1; }
    case $c in banned-api) pat="Microsoft.CodeAnalysis.CSharp.BannedApiAnalyzers" ;; *) pat="AgreementRules.Analyzers" ;; esac
    t=$(analyzer_time "$log" "$pat")
    times[$c]="${times[$c]:-} $t"
    echo "round $r  $c  ${t:-?} s  (load average $(cut -d' ' -f1 /proc/loadavg))"
    grep -A60 "Total analyzer execution time" "$log" | grep -E "$pat" | sed 's/^/    /' | head -12
  done
done
echo
echo "| configuration | compiler-reported analyzer time, median of $rounds | rounds |"
echo "|---|---:|---|"
for c in "${configs[@]}"; do
  sorted=$(echo ${times[$c]} | tr ' ' '\n' | sort -g)
  median=$(echo "$sorted" | sed -n "$(( (rounds + 1) / 2 ))p")
  echo "| $c | $median s | $(echo ${times[$c]}) |"
done
echo "logs: $work"
