#!/usr/bin/env python3
"""Refreshes the AWS-managed policies Mayfly ships (aws-managed-policies/src/main/resources/dev/mayfly/awspolicies).

The documents and metadata are AWS's, as AWS publishes them (GetPolicy, ListPolicies and GetPolicyVersion of the default
version), read from a git clone of a public mirror of them, https://github.com/z0ph/MAMIP (policies-list.json and
policies/NAME). Which policies are shipped, and their descriptions (ListPolicies does not return them; AWS's managed
policy reference pages do), are what catalog.json already holds, or a tab-separated NAME<TAB>DESCRIPTION file given with
--descriptions.

    scripts/aws-managed-policies.py --mirror PATH_TO_MAMIP_GIT_DIR [--descriptions FILE]

Then run the aws-managed-policies module's tests: every shipped document must parse with Mayfly's policy language.
"""
import argparse
import json
import pathlib
import subprocess

RESOURCES = pathlib.Path(__file__).resolve().parent.parent / "aws-managed-policies/src/main/resources/dev/mayfly/awspolicies"


def git_show(mirror, path):
    return subprocess.run(["git", "--git-dir", mirror, "show", "HEAD:" + path], check=True, capture_output=True).stdout


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--mirror", required=True, help="a git directory of the MAMIP repository")
    parser.add_argument("--descriptions", help="NAME<TAB>DESCRIPTION lines: the policies to ship")
    args = parser.parse_args()
    catalog_file = RESOURCES / "catalog.json"
    if args.descriptions:
        wanted = [line.rstrip("\n").split("\t", 1) for line in open(args.descriptions, encoding="utf-8") if line.strip()]
    else:
        wanted = [[p["PolicyName"], p["Description"]] for p in json.loads(catalog_file.read_text())["Policies"]]
    listed = {p["PolicyName"]: p for p in json.loads(git_show(args.mirror, "policies-list.json"))["Policies"]}
    commit = subprocess.run(["git", "--git-dir", args.mirror, "rev-parse", "HEAD"], check=True, capture_output=True,
                            text=True).stdout.strip()
    (RESOURCES / "documents").mkdir(parents=True, exist_ok=True)
    policies = []
    for name, description in wanted:
        meta = listed[name]
        version = json.loads(git_show(args.mirror, "policies/" + name))["PolicyVersion"]
        if version["VersionId"] != meta["DefaultVersionId"]:
            raise SystemExit(f"{name}: the mirror's document is {version['VersionId']}, its list says {meta['DefaultVersionId']}")
        (RESOURCES / "documents" / (name + ".json")).write_text(json.dumps(version["Document"], indent=4) + "\n")
        policies.append({"PolicyName": name, "PolicyId": meta["PolicyId"], "Arn": meta["Arn"], "Path": meta["Path"],
                         "DefaultVersionId": meta["DefaultVersionId"], "CreateDate": meta["CreateDate"],
                         "UpdateDate": meta["UpdateDate"], "VersionCreateDate": version["CreateDate"],
                         "Description": description})
    policies.sort(key=lambda p: p["PolicyName"].lower())
    catalog = {"Source": "https://github.com/z0ph/MAMIP/tree/" + commit, "Policies": policies}
    catalog_file.write_text(json.dumps(catalog, indent=2) + "\n")
    print(f"{len(policies)} policies from {catalog['Source']}")


if __name__ == "__main__":
    main()
