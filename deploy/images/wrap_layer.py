"""Wraps a root file system tarball as a one-layer image in docker-save layout (what Jib reads as a
`tar://` base): manifest.json, the image config, and the layer; every byte fixed by the inputs.

Usage: python3 wrap_layer.py ROOTFS.tar OUTPUT.tar SOURCE_DATE_EPOCH
"""
import hashlib
import io
import json
import sys
import tarfile
import time


def main(rootfs, output, epoch):
    with open(rootfs, "rb") as f:
        layer = f.read()
    diff_id = "sha256:" + hashlib.sha256(layer).hexdigest()
    created = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(int(epoch)))
    config = {
        "architecture": "amd64",
        "os": "linux",
        "created": created,
        "config": {
            "User": "10001:10001",
            "Env": ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
                    "JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64", "LANG=C.UTF-8"],
            "WorkingDir": "/",
        },
        "rootfs": {"type": "layers", "diff_ids": [diff_id]},
        "history": [{"created": created, "created_by": "mmdebstrap (deploy/images/build-base.sh)"}],
    }
    config_bytes = json.dumps(config, sort_keys=True, separators=(",", ":")).encode()
    config_name = hashlib.sha256(config_bytes).hexdigest() + ".json"
    manifest = json.dumps([{"Config": config_name, "RepoTags": ["custody/base:bookworm-jre17"],
                            "Layers": ["layer.tar"]}], separators=(",", ":")).encode()
    with tarfile.open(output, "w", format=tarfile.PAX_FORMAT) as out:
        for name, data in (("manifest.json", manifest), (config_name, config_bytes), ("layer.tar", layer)):
            info = tarfile.TarInfo(name)
            info.size = len(data)
            info.mtime = int(epoch)
            info.mode = 0o644
            out.addfile(info, io.BytesIO(data))


if __name__ == "__main__":
    main(*sys.argv[1:4])
