"""Writes the Java trust store (JKS) from the root file system's CA bundle, byte for byte the same
for the same certificates: Debian's ca-certificates-java writes a PKCS#12 store whose MAC salt is
random, which alone made two builds of the base image differ. JKS has no salt; each entry's date
is SOURCE_DATE_EPOCH. The JDK reads a JKS cacerts as it reads its own.

Usage: python3 java_cacerts.py ROOTFS SOURCE_DATE_EPOCH   (password "changeit", as Debian's)
"""
import base64
import hashlib
import os
import re
import struct
import sys

PASSWORD = "changeit"


def pem_certificates(bundle):
    text = open(bundle, encoding="ascii").read()
    return [base64.b64decode(m) for m in
            re.findall(r"-----BEGIN CERTIFICATE-----(.*?)-----END CERTIFICATE-----", text, re.S)]


def utf(text):
    data = text.encode("utf-8")
    return struct.pack(">H", len(data)) + data


def jks(certificates, epoch_millis):
    body = struct.pack(">III", 0xFEEDFEED, 2, len(certificates))
    for der in certificates:
        alias = "debian:" + hashlib.sha256(der).hexdigest()[:16]
        body += struct.pack(">I", 2) + utf(alias) + struct.pack(">Q", epoch_millis)
        body += utf("X.509") + struct.pack(">I", len(der)) + der
    digest = hashlib.sha1(PASSWORD.encode("utf-16-be") + b"Mighty Aphrodite" + body).digest()
    return body + digest


def main(rootfs, epoch):
    certificates = sorted(set(pem_certificates(os.path.join(rootfs, "etc/ssl/certs/ca-certificates.crt"))))
    target = os.path.join(rootfs, "etc/ssl/certs/java/cacerts")
    with open(target, "wb") as out:
        out.write(jks(certificates, int(epoch) * 1000))
    os.utime(target, (int(epoch), int(epoch)))
    print(f"java cacerts: {len(certificates)} certificates, JKS")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
