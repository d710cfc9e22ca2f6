"""A gRPC health check (grpc.health.v1.Health/Check for the whole server) with no generated code:
the request is the empty message, the answer's field 1 the serving status (1 = SERVING).
Exits 0 when SERVING. Usage: python3 health_check.py HOST:PORT
"""
import sys

import grpc

SERVING = b"\x08\x01"


def main(target):
    with grpc.insecure_channel(target) as channel:
        check = channel.unary_unary("/grpc.health.v1.Health/Check",
                                    request_serializer=lambda raw: raw, response_deserializer=lambda raw: raw)
        return 0 if check(b"", timeout=5) == SERVING else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
