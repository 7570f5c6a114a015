#!/usr/bin/python3
"""A throwaway HTTPS server for https_test.cc.

Usage: https_test_server.py DIR

Makes a CA (DIR/ca.pem) and a certificate it signs for 127.0.0.1 and localhost with openssl,
and a second CA that signed nothing (DIR/other-ca.pem). Serves HTTPS on 127.0.0.1 at a free port
and prints that port on one line. GET answers 200: an empty S3 bucket listing when the query asks
for one (list-type=2), else the body "hello over https: <path>". The server exits when its
standard input reaches end of file, so it dies with the test that started it, however the test
ends.
"""
import http.server
import os
import ssl
import subprocess
import sys
import threading

DAY = "1"
EMPTY_LISTING = (b'<?xml version="1.0" encoding="UTF-8"?>\n'
                 b'<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">'
                 b'<IsTruncated>false</IsTruncated></ListBucketResult>')


def openssl(*args, cwd):
    subprocess.run(["openssl", *args], cwd=cwd, check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.PIPE)


def make_certificates(directory):
    ec_key = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
    openssl("req", "-x509", *ec_key, "-keyout", "ca.key", "-out", "ca.pem", "-days", DAY,
            "-subj", "/CN=binlake test CA", cwd=directory)
    openssl("req", "-x509", *ec_key, "-keyout", "other-ca.key", "-out", "other-ca.pem", "-days",
            DAY, "-subj", "/CN=binlake unrelated CA", cwd=directory)
    openssl("req", "-new", *ec_key, "-keyout", "server.key", "-out", "server.csr",
            "-subj", "/CN=localhost", cwd=directory)
    with open(os.path.join(directory, "server.ext"), "w") as ext:
        ext.write("subjectAltName = IP:127.0.0.1, DNS:localhost\n"
                  "basicConstraints = CA:FALSE\n"
                  "extendedKeyUsage = serverAuth\n")
    openssl("x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key",
            "-CAcreateserial", "-out", "server.pem", "-days", DAY, "-extfile", "server.ext",
            cwd=directory)


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self):
        if "list-type=2" in self.path:
            body = EMPTY_LISTING
        else:
            body = f"hello over https: {self.path}".encode()
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format, *args):
        pass


def exit_at_end_of_stdin():
    sys.stdin.buffer.read()
    os._exit(0)


def main():
    directory = sys.argv[1]
    make_certificates(directory)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(os.path.join(directory, "server.pem"),
                            os.path.join(directory, "server.key"))
    server.socket = context.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=exit_at_end_of_stdin, daemon=True).start()
    print(server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
