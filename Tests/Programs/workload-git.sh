#!/bin/sh
# A git workload for the malloc program tests, in the current (empty)
# directory: commits, branches, a merge, logs, diffs, blame, a repack and
# fsck. Deterministic (fixed identities and dates). Usage: workload-git.sh SCALE
set -e
scale=${1:-1}
export GIT_AUTHOR_NAME=Tester GIT_AUTHOR_EMAIL=tester@example.com
export GIT_COMMITTER_NAME=Tester GIT_COMMITTER_EMAIL=tester@example.com
export GIT_CONFIG_NOSYSTEM=1 HOME="$PWD" TZ=UTC
git init -q -b main repo
cd repo
git config gc.auto 0
commits=$((20 * scale))
i=1
while [ $i -le $commits ]; do
  date=$(printf "2024-01-%02dT%02d:%02d:00Z" $((i / 1440 % 28 + 1)) $((i / 60 % 24)) $((i % 60)))
  export GIT_AUTHOR_DATE="$date" GIT_COMMITTER_DATE="$date"
  mkdir -p "dir$((i % 5))"
  seq $i $((i * 37)) > "dir$((i % 5))/file$((i % 13)).txt"
  printf 'line %s\n' $(seq 1 $((i % 17 + 1))) >> notes.txt
  git add -A
  git commit -q -m "commit $i"
  if [ $((i % 7)) = 0 ]; then
    git checkout -q -b "topic$i"
    seq 1 $((i * 11)) | sed 's/$/ topic/' > "topic$i.txt"
    git add -A
    git commit -q -m "topic $i"
    git checkout -q main
    git merge -q --no-ff -m "merge topic $i" "topic$i"
  fi
  i=$((i + 1))
done
git log --oneline --graph | head -50
git log --stat --format='%H %s' | wc -l
git diff HEAD~5 --stat
git blame -s notes.txt | tail -5
git shortlog -s
git repack -a -d -q
git count-objects -v | grep -v size
git fsck --strict 2>&1
git rev-list --all --objects | wc -l
git grep -c topic | tail -5
