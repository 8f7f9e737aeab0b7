#include "connectors/registry.hpp"

#include <array>

#include "connectors/dvcqg/dvcqg_connector.hpp"
#include "connectors/kyso/kyso_connector.hpp"
#include "connectors/paygov/paygov_connector.hpp"
#include "connectors/rest_json/rest_json_connector.hpp"
#include "connectors/soap/soap_connector.hpp"

namespace lienthong::connectors {

// The one list of connector types. A new type is added here, by hand: no static registration.
std::span<const pipeline::ConnectorType> connector_types() {
  static const std::array<pipeline::ConnectorType, 5> kTypes{{
      {RestJsonConnector::kName, &RestJsonConnector::make},
      {SoapConnector::kName, &SoapConnector::make},
      {DvcqgConnector::kName, &DvcqgConnector::make},
      {PaygovConnector::kName, &PaygovConnector::make},
      {KysoConnector::kName, &KysoConnector::make},
  }};
  return kTypes;
}

}  // namespace lienthong::connectors
