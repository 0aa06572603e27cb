#pragma once
// The outcome matrix: for every user (and the anonymous one) and every endpoint of api.md, the
// status the core would answer now, with credentials of one mechanism. Nothing changes: each row
// runs on a small copy of the world holding what the row reads (matrix_inputs.hpp), a copy a
// request changed is restored before the next column. Users whose rows cannot differ (same flags,
// groups, permissions and part in the columns: see RowClasses in matrix.cpp) share one computed
// row, so a world of 10,000 users costs about as many rows as it has kinds of user; and a row
// whose inputs are those of a row the last call computed is taken from it, so a change to one
// group recomputes the rows of that group's users.
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "backend.hpp"
#include "lab/matrix_inputs.hpp"

namespace authlab::lab {

class OutcomeMatrix {
public:
    // mechanism: "token", "bearer" or "session".
    // → {mechanism, users: [...], endpoints: [{method, path}], rows: [[{status, kind}]], row_of: [...]}
    //   or {error}: users[i]'s cells are rows[row_of[i]], one {status, kind} per endpoint.
    nlohmann::ordered_json of(const Backend& backend, const std::string& mechanism);
    // How many rows the last call computed; the others it took from the call before.
    std::size_t rows_computed() const { return rows_computed_; }

private:
    struct Row {
        std::optional<RowInputs> inputs;  // none: the anonymous row
        nlohmann::ordered_json cells;
    };
    // One mechanism's last matrix: the world its rows shared, and each row by its class.
    struct Last {
        World shared;
        std::map<std::string, Row> rows;
    };
    std::map<std::string, Last> last_;
    std::size_t rows_computed_ = 0;
};

// One row computed alone on the whole world (the anonymous one's for nullptr): what each row of
// the matrix must equal.
nlohmann::ordered_json outcome_row(const Backend& backend, const std::string& mechanism, const std::string* username);

}  // namespace authlab::lab
