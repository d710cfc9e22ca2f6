"""Unpacks an image tarball (OCI image layout, as Jib's buildTar writes it, or docker-save layout) into a root file system
and prints how to run it, as shell assignments: IMAGE_USER, IMAGE_ENTRYPOINT (arguments
separated by spaces), IMAGE_ENV (shell-quoted assignments).

Usage: python3 unpack_image.py IMAGE.tar ROOTFS_DIR
"""
import json
import os
import shlex
import sys
import tarfile


def main(image, rootfs):
    os.makedirs(rootfs, exist_ok=True)
    with tarfile.open(image) as outer:
        names = set(outer.getnames())
        if "manifest.json" in names:  # docker-save layout
            manifest = json.load(outer.extractfile("manifest.json"))[0]
            config_path, layers = manifest["Config"], manifest["Layers"]
        else:  # OCI image layout: index.json -> manifest -> config and layers, all by digest
            blob = lambda digest: "blobs/" + digest.replace(":", "/", 1)
            index = json.load(outer.extractfile("index.json"))
            manifest = json.load(outer.extractfile(blob(index["manifests"][0]["digest"])))
            config_path, layers = blob(manifest["config"]["digest"]), [blob(l["digest"]) for l in manifest["layers"]]
        config = json.load(outer.extractfile(config_path))["config"]
        for layer in layers:
            with tarfile.open(fileobj=outer.extractfile(layer), mode="r:*") as inner:
                for member in inner.getmembers():
                    name = os.path.basename(member.name)
                    if name.startswith(".wh."):  # a whiteout: the lower layer's file is deleted
                        target = os.path.join(rootfs, os.path.dirname(member.name), name[4:])
                        if os.path.lexists(target):
                            os.remove(target)
                        continue
                    inner.extract(member, rootfs, set_attrs=True, numeric_owner=True)
    entrypoint = (config.get("Entrypoint") or []) + (config.get("Cmd") or [])
    print("IMAGE_USER=" + shlex.quote(config.get("User", "")))
    if any(not arg or any(c.isspace() for c in arg) for arg in entrypoint):
        raise SystemExit("an entrypoint argument holds whitespace: not runnable by word splitting")
    print("IMAGE_ENTRYPOINT=" + shlex.quote(" ".join(entrypoint)))
    print("IMAGE_ENV=" + shlex.quote(" ".join(shlex.quote(e) for e in config.get("Env", []))))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
