package io.ameide.coderguard.policyguard.decision;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An address block ({@code 10.40.0.10/32}, {@code fd00::/8}) as a number range, to tell whether one block lies within
 * another. Only literals are read: nothing here ever resolves a name.
 */
record Cidr(BigInteger network, int prefix, int bits) {

    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})/(\\d{1,2})");
    private static final Pattern IPV6 = Pattern.compile("([0-9a-fA-F:]+)/(\\d{1,3})");

    static Optional<Cidr> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher v4 = IPV4.matcher(text.strip());
        if (v4.matches()) {
            BigInteger address = BigInteger.ZERO;
            for (int i = 1; i <= 4; i++) {
                int octet = Integer.parseInt(v4.group(i));
                if (octet > 255) {
                    return Optional.empty();
                }
                address = address.shiftLeft(8).or(BigInteger.valueOf(octet));
            }
            return of(address, Integer.parseInt(v4.group(5)), 32);
        }
        Matcher v6 = IPV6.matcher(text.strip());
        if (v6.matches() && v6.group(1).contains(":")) {
            try {
                // A string with ':' is taken as an IPv6 literal and never looked up.
                byte[] bytes = InetAddress.getByName(v6.group(1)).getAddress();
                return bytes.length == 16
                        ? of(new BigInteger(1, bytes), Integer.parseInt(v6.group(2)), 128)
                        : Optional.empty();
            } catch (UnknownHostException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static Optional<Cidr> of(BigInteger address, int prefix, int bits) {
        if (prefix > bits) {
            return Optional.empty();
        }
        return Optional.of(new Cidr(masked(address, prefix, bits), prefix, bits));
    }

    private static BigInteger masked(BigInteger address, int prefix, int bits) {
        return address.shiftRight(bits - prefix).shiftLeft(bits - prefix);
    }

    /** Whether every address of this block is in {@code other}. */
    boolean within(Cidr other) {
        return bits == other.bits && prefix >= other.prefix && masked(network, other.prefix, bits).equals(other.network);
    }

    boolean overlaps(Cidr other) {
        return within(other) || other.within(this);
    }
}
