//! TLS behind a CA the system does not know (a company proxy's, say): a
//! local HTTPS server on `localhost` whose certificate a test CA signed.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use rcgen::{BasicConstraints, CertificateParams, DnType, IsCa, KeyPair};
use rustls::pki_types::{PrivateKeyDer, PrivatePkcs8KeyDer};

use crate::common::*;

struct Tls {
    base: String,
    /// The test CA, as PEM, written into the sandbox.
    ca: std::path::PathBuf,
    handshakes: Arc<AtomicUsize>,
}

fn start(sb: &Sandbox) -> Tls {
    let ca_key = KeyPair::generate().unwrap();
    let mut ca_params = CertificateParams::new(Vec::<String>::new()).unwrap();
    ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    ca_params
        .distinguished_name
        .push(DnType::CommonName, "peaka test CA");
    let ca = ca_params.self_signed(&ca_key).unwrap();
    let leaf_key = KeyPair::generate().unwrap();
    let leaf = CertificateParams::new(vec!["localhost".to_string()])
        .unwrap()
        .signed_by(&leaf_key, &ca, &ca_key)
        .unwrap();
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_no_client_auth()
        .with_single_cert(
            vec![leaf.der().clone()],
            PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(leaf_key.serialize_der())),
        )
        .unwrap();
    let config = Arc::new(config);
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let handshakes = Arc::new(AtomicUsize::new(0));
    let counted = handshakes.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming().take(20).flatten() {
            counted.fetch_add(1, Ordering::SeqCst);
            let config = config.clone();
            std::thread::spawn(move || {
                let _ = stream.set_read_timeout(Some(std::time::Duration::from_secs(10)));
                let conn = rustls::ServerConnection::new(config).unwrap();
                let mut tls = rustls::StreamOwned::new(conn, stream);
                let mut reader = BufReader::new(&mut tls);
                let mut line = String::new();
                while reader.read_line(&mut line).is_ok_and(|n| n > 2) {
                    line.clear();
                }
                let body = running_status("e1", "RUNNING");
                let _ = write!(
                    tls,
                    "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
                    body.len()
                );
                let _ = tls.flush();
                tls.conn.send_close_notify();
                let _ = tls.flush();
            });
        }
    });
    let ca_path = sb.path().join("test-ca.pem");
    std::fs::write(&ca_path, ca.pem()).unwrap();
    Tls {
        base: format!("https://localhost:{port}/api/v1"),
        ca: ca_path,
        handshakes,
    }
}

const STATUS: [&str; 6] = ["cache", "status", "-p", PROJECT, "-c", CACHE];

#[test]
fn an_unknown_ca_is_refused_once_with_a_hint() {
    let sb = Sandbox::new();
    let tls = start(&sb);
    let run = run(sb.api(&tls.base).args(STATUS)).expect(9);
    assert!(
        run.stderr.contains("TLS certificate problem"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("--ca-cert") && run.stderr.contains("SSL_CERT_FILE"),
        "{}",
        run.stderr
    );
    assert_eq!(tls.handshakes.load(Ordering::SeqCst), 1, "never retried");
}

#[test]
fn the_ca_is_trusted_from_the_flag_the_environment_or_ssl_cert_file() {
    let sb = Sandbox::new();
    let tls = start(&sb);
    let ca = tls.ca.to_str().unwrap();
    run(sb.api(&tls.base).args(STATUS).args(["--ca-cert", ca])).expect(0);
    run(sb.api(&tls.base).args(STATUS).env("PEAKA_CA_CERT", ca)).expect(0);
    let doc = run(sb
        .api(&tls.base)
        .args(STATUS)
        .env("SSL_CERT_FILE", ca)
        .args(["-o", "json"]))
    .expect(0)
    .json();
    assert_eq!(doc["status"]["tableName"], "orders");
    sb.write_config("ca_cert = \"test-ca.pem\"\n", 0o600);
    run(sb.api(&tls.base).args(STATUS)).expect(0);
}

#[test]
fn a_ca_file_without_certificates_is_a_config_error() {
    let sb = Sandbox::new();
    let tls = start(&sb);
    let junk = sb.path().join("junk.pem");
    std::fs::write(&junk, "not a certificate").unwrap();
    let run = run(sb.api(&tls.base).args(STATUS).arg("--ca-cert").arg(&junk)).expect(3);
    assert!(run.stderr.contains("no PEM certificate"), "{}", run.stderr);
    let run = crate::common::run(
        sb.api(&tls.base)
            .args(STATUS)
            .args(["--ca-cert", "/nonexistent.pem"]),
    )
    .expect(3);
    assert!(
        run.stderr.contains("cannot read CA certificate file"),
        "{}",
        run.stderr
    );
}
