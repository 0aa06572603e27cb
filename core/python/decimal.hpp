#pragma once
// The part of Python's decimal.Decimal that DRF's DecimalField uses: reading a string
// exactly as Decimal(str) does (C libmpdec: whitespace, underscores and Unicode digits allowed),
// as_tuple(), comparison, quantize to a few places and '{:f}' formatting.
#include <optional>
#include <string>

namespace authlab::python {

__extension__ typedef __int128 WideInt;  // exponents: libmpdec's reach beyond 64 bits in sums

struct Decimal {
    bool negative = false;
    std::string digits = "0";  // the coefficient without leading zeros ("0" for zero)
    WideInt exponent = 0;       // value = ±digits × 10^exponent

    // Decimal(text); nullopt where Python raises InvalidOperation, and for NaN and the
    // infinities (DRF refuses them alike).
    static std::optional<Decimal> parse(const std::u32string& text);
    static Decimal from_int(long long v);

    bool is_zero() const { return digits == "0"; }
    // value.quantize(Decimal(10) ** -places): exact whenever DRF's precision checks passed.
    Decimal quantize(int places) const;
    std::string to_fixed() const;  // '{:f}'.format(value): "4.50", "-0.00", "1000"
};

int compare(const Decimal& a, const Decimal& b);  // by value: -0 == 0

}  // namespace authlab::python
