"""``build-site publish``: build, commit site/ to the gh-pages branch and push it."""

from __future__ import annotations

import argparse

from generator.cli.commands.build import print_left_out
from generator.content.project import Project
from generator.terminal import print_problems

HELP = "build, then commit site/ to the gh-pages branch and push it (GitHub Pages)"


def register(commands) -> None:
    parser = commands.add_parser("publish", help=HELP, description=HELP + ". Your working "
                                 "branch, index and files are never touched.")
    parser.add_argument("--remote", default="origin",
                        help="git remote (name or URL) to push to (default: origin)")
    parser.add_argument("--branch", default="gh-pages",
                        help="branch that holds the published site (default: gh-pages)")
    parser.add_argument("-m", "--message", help="commit message (default: names the source "
                        "commit)")
    parser.add_argument("--no-push", dest="push", action="store_false",
                        help="commit to the local branch only; do not push")
    parser.add_argument("--dry-run", action="store_true",
                        help="build and say what would be committed and pushed; change no branch")
    parser.add_argument("--force", action="store_true",
                        help="replace a branch whose history build-site did not make, and "
                        "force the push")
    parser.set_defaults(handler=run)


def run(project: Project, args: argparse.Namespace) -> int:
    from generator.build.pipeline import build
    from generator.publish.gh_pages import (  # ghp-import
        Git,
        PublishOptions,
        check_repository,
        publish,
    )

    options = PublishOptions(remote=args.remote, branch=args.branch, message=args.message,
                             push=args.push, dry_run=args.dry_run, force=args.force)
    check_repository(Git(project.root), options)  # refuse before building
    result = build(project)
    print_problems(result.warnings)
    site = project.display(project.site) + "/"
    print(f"build-site: built {result.pages} pages ({result.files} files) into {site}")
    print_left_out(result.left_out)
    outcome = publish(project.root, project.site, options)
    where = options.remote
    if outcome.remote_url and outcome.remote_url != options.remote:
        where += f" ({outcome.remote_url})"
    branch = options.branch
    if options.dry_run:
        base = f"on top of {outcome.commit[:7]}" if outcome.commit else "as a new branch"
        if outcome.replaced:
            base = "replacing its history (--force)"
        print(f"build-site: dry run: would commit {site} to {branch} {base}"
              + (f" and push it to {where}" if options.push else "") + "; nothing changed")
        return 0
    short = outcome.commit[:7]
    if outcome.replaced:
        print(f"build-site: replaced the history of {branch} (--force)")
    if outcome.new_commit:
        print(f"build-site: committed {site} to {branch} as {short}")
    else:
        print(f"build-site: {site} is unchanged since {short} on {branch}; no new commit")
    if outcome.pushed:
        print(f"build-site: pushed {branch} ({short}) to {where}")
    elif options.push:
        print(f"build-site: {where} already has {branch} at {short}; nothing to push")
    else:
        print(f"build-site: not pushed (--no-push); push later with: "
              f"git push {options.remote} {branch}")
    return 0
