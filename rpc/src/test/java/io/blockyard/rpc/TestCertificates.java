package io.blockyard.rpc;

/** A fixed self-signed certificate for tests that only need well-formed PEM text. */
final class TestCertificates {

  /** Self-signed "CN=blockyard unit-test CA"; its key was thrown away. */
  static final String SOME_CA = ""
      + "-----BEGIN CERTIFICATE-----\n"
      + "MIIBmjCCAT+gAwIBAgIUOLbMpC6CxO0XMaMjWZvAoSqdorAwCgYIKoZIzj0EAwIw\n"
      + "ITEfMB0GA1UEAwwWYmxvY2t5YXJkIHVuaXQtdGVzdCBDQTAgFw0yNjExMjEwNTI0\n"
      + "NDlaGA8yMTI2MTAyODA1MjQ0OVowITEfMB0GA1UEAwwWYmxvY2t5YXJkIHVuaXQt\n"
      + "dGVzdCBDQTBZMBMGByqGSM49AgEGCCqGSM49AwEHA0IABDtxYH5l2a3m6BEsabvj\n"
      + "0i+lPkqYMmkrff3ohaJxHA3r8P6H5gjvwMA/am+hZEyyYUAqv4wYCgyxvdRzYv68\n"
      + "a9mjUzBRMB0GA1UdDgQWBBTkTPIVj6mHBw8jxSaa0E/1snTGIzAfBgNVHSMEGDAW\n"
      + "gBTkTPIVj6mHBw8jxSaa0E/1snTGIzAPBgNVHRMBAf8EBTADAQH/MAoGCCqGSM49\n"
      + "BAMCA0kAMEYCIQCDtsch5F8YZ8Uq/6GgQv2mXRbrgDxLdXXe54BI5YmF4AIhAPlo\n"
      + "k/7vjsI+1vRR1joclDOMjHH8lyCEb4pZ03WH19QQ\n"
      + "-----END CERTIFICATE-----\n"
      ;

  private TestCertificates() {}
}
