package dev.mayfly.embedded;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A self-signed certificate for 127.0.0.1, made with the JDK's keytool, for services to serve HTTPS with in tests: the
 * PKCS#12 keystore a service presents (MAYFLY_TLS_KEYSTORE) and the certificate alone in PEM, which clients trust
 * (MAYFLY_TLS_TRUSTSTORE) as they would a private CA's.
 *
 * @param keystore    the key and certificate, PKCS#12
 * @param password    the keystore's password
 * @param certificate the certificate, PEM
 */
public record SelfSignedCertificate(Path keystore, String password, Path certificate) {

    private static final String PASSWORD = "changeit";

    /** Makes the files NAME.p12 and NAME.pem in dir, valid two days. */
    public static SelfSignedCertificate create(Path dir, String name) throws IOException, InterruptedException {
        Path keystore = dir.resolve(name + ".p12");
        Path certificate = dir.resolve(name + ".pem");
        keytool("-genkeypair", "-alias", name, "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=127.0.0.1",
                "-ext", "SAN=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12", "-keystore", keystore.toString(),
                "-storepass", PASSWORD, "-keypass", PASSWORD);
        keytool("-exportcert", "-rfc", "-alias", name, "-keystore", keystore.toString(), "-storepass", PASSWORD,
                "-file", certificate.toString());
        return new SelfSignedCertificate(keystore, PASSWORD, certificate);
    }

    private static void keytool(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(arguments));
        Process keytool = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!keytool.waitFor(60, TimeUnit.SECONDS)) {
            keytool.destroyForcibly();
            throw new IOException("keytool did not finish within a minute");
        }
        String output = new String(keytool.getInputStream().readAllBytes());
        if (keytool.exitValue() != 0) {
            throw new IOException("keytool " + arguments[0] + " failed: " + output);
        }
    }
}
