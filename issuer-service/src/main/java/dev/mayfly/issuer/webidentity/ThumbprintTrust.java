package dev.mayfly.issuer.webidentity;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * TLS trust for an identity provider, as IAM's thumbprints define it: a server chain is trusted when the JDK's
 * authorities sign it, or when it is a well-formed chain (each certificate valid now and signed by the next) one of
 * whose certificates has a SHA-1 fingerprint in the provider's thumbprint list. Host names are checked either way.
 */
final class ThumbprintTrust implements X509TrustManager {

    private final X509TrustManager defaults;
    private final List<String> thumbprints;

    private ThumbprintTrust(X509TrustManager defaults, List<String> thumbprints) {
        this.defaults = defaults;
        this.thumbprints = thumbprints;
    }

    static SSLContext context(List<String> thumbprints) {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init((KeyStore) null);
            X509TrustManager defaults = null;
            for (TrustManager manager : factory.getTrustManagers()) {
                if (manager instanceof X509TrustManager x509) {
                    defaults = x509;
                }
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new ThumbprintTrust(defaults, List.copyOf(thumbprints))}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("TLS is not available", e);
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        try {
            defaults.checkServerTrusted(chain, authType);
        } catch (CertificateException untrusted) {
            if (!pinned(chain)) {
                throw untrusted;
            }
        }
    }

    private boolean pinned(X509Certificate[] chain) throws CertificateException {
        if (chain == null || chain.length == 0 || thumbprints.isEmpty()) {
            return false;
        }
        try {
            for (int i = 0; i < chain.length; i++) {
                chain[i].checkValidity();
                if (i + 1 < chain.length) {
                    chain[i].verify(chain[i + 1].getPublicKey());
                }
            }
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            for (X509Certificate certificate : chain) {
                if (thumbprints.contains(HexFormat.of().formatHex(sha1.digest(certificate.getEncoded())))) {
                    return true;
                }
            }
            return false;
        } catch (GeneralSecurityException e) {
            throw new CertificateException("the identity provider's certificate chain is not valid", e);
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("client certificates are not accepted here");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return defaults.getAcceptedIssuers();
    }
}
