package org.gridcharge.ocpp.message;

/** The answer to OCPP 2.0.1's GetCertificateStatus and Get15118EVCertificate, named as on the wire. */
public enum CertificateStatus {
    Accepted,
    Failed
}
