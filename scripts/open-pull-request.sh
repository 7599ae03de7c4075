#!/usr/bin/env bash
# Used by the workflows "Skapa nästa års uppföljning" and "Starta nytt medborgarlöfte": commits
# what the lofte command wrote under data/ to a new branch, pushes it and opens a pull request.
# Arguments: BRANCH TITLE (already checked by the workflow). Needs GH_TOKEN; the token is handed
# to git for this one push only and is never stored in .git/config.
set -euo pipefail

branch="$1"
title="$2"

if git ls-remote --exit-code --heads origin "$branch" >/dev/null 2>&1; then
  echo "::error::Grenen $branch finns redan. Slå ihop eller stäng den pull request som finns, ta bort grenen och kör igen."
  exit 1
fi
if [[ -z "$(git status --porcelain -- data)" ]]; then
  echo "::error::Kommandot skrev inga filer."
  exit 1
fi

git config user.name "github-actions[bot]"
git config user.email "41898282+github-actions[bot]@users.noreply.github.com"
git switch -c "$branch"
git add -- data
git commit -q -m "$title"
auth="$(printf 'x-access-token:%s' "$GH_TOKEN" | base64 -w0)"
git -c "http.extraheader=AUTHORIZATION: basic $auth" push -q origin "$branch"

body="Skapad med knappen i fliken Actions ($GITHUB_WORKFLOW).

Så här gör ni nu, direkt här på GitHub:
1. Öppna fliken **Files changed** och filerna en i taget (pennan, *Edit file*).
2. Följ kommentarerna överst i varje fil: skriv texterna och fyll i det som saknas.
3. Spara med *Commit changes* till den här grenen.
4. Kontrollerna startar inte av sig själva för en pull request som en workflow har öppnat:
   stäng och öppna pull requesten igen (eller spara en ändring) så körs de.

Utkast (utkast: true) visas aldrig på den publicerade webbplatsen. Se CONTRIBUTING.md."
gh pr create --base "$GITHUB_REF_NAME" --head "$branch" --title "$title" --body "$body"
