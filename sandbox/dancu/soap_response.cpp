#include "sandbox/dancu/soap_response.hpp"

#include <pugixml.hpp>
#include <sstream>

#include "sandbox/dancu/wire.hpp"

namespace lienthong::sandbox::dancu {
namespace {

std::string env(std::string_view local) {
  return std::string(kAnswerEnvelopePrefix) + ":" + std::string(local);
}

void leaf(pugi::xml_node parent, const char* name, const std::string& value) {
  parent.append_child(name).text().set(value.c_str());
}

void address(pugi::xml_node parent, const char* name, const Address& a) {
  auto node = parent.append_child(name);
  leaf(node, "MaTinhThanh", a.ma_tinh_thanh);
  if (a.ma_quan_huyen) leaf(node, "MaQuanHuyen", *a.ma_quan_huyen);
  leaf(node, "MaPhuongXa", a.ma_phuong_xa);
  leaf(node, "ChiTiet", a.chi_tiet);
  leaf(node, "QuocGia", a.quoc_gia);
}

void person(pugi::xml_node parent, const char* name, const std::optional<PersonRef>& p) {
  if (!p) return;
  auto node = parent.append_child(name);
  leaf(node, "HoVaTen", p->ho_va_ten);
  leaf(node, "SoDinhDanh", p->so_dinh_danh);
}

void citizen_element(pugi::xml_node parent, const Citizen& c) {
  auto node = parent.append_child("CongDan");
  leaf(node, "SoDinhDanh", c.so_dinh_danh);
  if (c.so_cmnd) leaf(node, "SoCMND", *c.so_cmnd);
  auto name = node.append_child("HoVaTen");
  leaf(name, "Ho", c.ho);
  leaf(name, "ChuDem", c.chu_dem);
  leaf(name, "Ten", c.ten);
  leaf(node, "GioiTinh", c.gioi_tinh);
  leaf(node, "DanToc", c.dan_toc);
  leaf(node, "TonGiao", c.ton_giao);
  leaf(node, "QuocTich", c.quoc_tich);
  leaf(node, "TinhTrangHonNhan", c.tinh_trang_hon_nhan);
  leaf(node, "NhomMau", c.nhom_mau);
  auto birth = node.append_child("NgayThangNamSinh");
  if (c.ngay_thang_nam) leaf(birth, "NgayThangNam", *c.ngay_thang_nam);
  leaf(birth, "Nam", c.nam);
  address(node, "NoiDangKyKhaiSinh", c.noi_dang_ky_khai_sinh);
  address(node, "QueQuan", c.que_quan);
  address(node, "ThuongTru", c.thuong_tru);
  address(node, "NoiOHienTai", c.noi_o_hien_tai);
  person(node, "Cha", c.cha);
  person(node, "Me", c.me);
  person(node, "VoChong", c.vo_chong);
  person(node, "NguoiDaiDien", c.nguoi_dai_dien);
  auto head = node.append_child("ChuHo");
  leaf(head, "QuanHe", c.chu_ho.quan_he);
  leaf(head, "HoVaTen", c.chu_ho.ho_va_ten);
  leaf(head, "SoDinhDanh", c.chu_ho.so_dinh_danh);
  leaf(node, "SoSoHoKhau", c.so_so_ho_khau);
}

// A document with the declaration, Envelope and an empty Body; returns the Body.
pugi::xml_node envelope(pugi::xml_document& doc) {
  auto declaration = doc.append_child(pugi::node_declaration);
  declaration.append_attribute("version") = "1.0";
  declaration.append_attribute("encoding") = "utf-8";
  auto root = doc.append_child(env("Envelope").c_str());
  root.append_attribute(("xmlns:" + std::string(kAnswerEnvelopePrefix)).c_str()) =
      std::string(kSoapEnvelopeNs).c_str();
  auto body = root.append_child(env("Body").c_str());
  body.append_attribute("Id") = "body";
  return body;
}

std::string serialise(const pugi::xml_document& doc) {
  std::ostringstream out;
  doc.save(out, "  ", pugi::format_indent, pugi::encoding_utf8);
  return out.str();
}

}  // namespace

std::string collection_envelope(const Citizen* citizen) {
  pugi::xml_document doc;
  auto collection = envelope(doc).append_child("CongdanCollection");
  collection.append_attribute("xmlns") = std::string(kDancuNs).c_str();
  if (citizen != nullptr) citizen_element(collection, *citizen);
  return serialise(doc);
}

std::string fault_envelope(const SoapFault& fault) {
  pugi::xml_document doc;
  auto node = envelope(doc).append_child(env("Fault").c_str());
  // faultcode is a QName: its prefix must be the one bound to the envelope namespace here.
  leaf(node, "faultcode", env(fault.code));
  leaf(node, "faultstring", fault.reason);
  auto code = node.append_child("detail").append_child("dc:MaLoi");
  code.append_attribute("xmlns:dc") = std::string(kDancuNs).c_str();
  code.text().set(fault.ma_loi.c_str());
  return serialise(doc);
}

}  // namespace lienthong::sandbox::dancu
