"""The initial content of the shared lists, loaded by a data migration."""

DOCUMENT_TYPES = [
    ("Hiến pháp", "hien-phap", ""),
    ("Bộ luật", "bo-luat", "BL"),
    ("Luật", "luat", "L"),
    ("Pháp lệnh", "phap-lenh", "PL"),
    ("Nghị quyết", "nghi-quyet", "NQ"),
    ("Nghị định", "nghi-dinh", "NĐ"),
    ("Quyết định", "quyet-dinh", "QĐ"),
    ("Thông tư", "thong-tu", "TT"),
    ("Thông tư liên tịch", "thong-tu-lien-tich", "TTLT"),
    ("Chỉ thị", "chi-thi", "CT"),
    ("Kế hoạch", "ke-hoach", "KH"),
    ("Công văn", "cong-van", "CV"),
    ("Hướng dẫn", "huong-dan", "HD"),
    ("Thông báo", "thong-bao", "TB"),
]

ISSUING_BODIES = [
    ("Quốc hội", "quoc-hoi", "QH"),
    ("Ủy ban Thường vụ Quốc hội", "uy-ban-thuong-vu-quoc-hoi", "UBTVQH"),
    ("Chính phủ", "chinh-phu", "CP"),
    ("Thủ tướng Chính phủ", "thu-tuong-chinh-phu", "TTg"),
    ("Bộ Tư pháp", "bo-tu-phap", "BTP"),
    ("Hội đồng nhân dân tỉnh", "hoi-dong-nhan-dan-tinh", "HĐND"),
    ("Ủy ban nhân dân tỉnh", "uy-ban-nhan-dan-tinh", "UBND"),
]

LEGAL_FIELDS = [
    ("Bộ máy hành chính", "bo-may-hanh-chinh"),
    ("Đất đai", "dat-dai"),
    ("Xây dựng – Đô thị", "xay-dung-do-thi"),
    ("Tài chính nhà nước", "tai-chinh-nha-nuoc"),
    ("Thuế – Phí – Lệ phí", "thue-phi-le-phi"),
    ("Doanh nghiệp", "doanh-nghiep"),
    ("Lao động – Tiền lương", "lao-dong-tien-luong"),
    ("Bảo hiểm", "bao-hiem"),
    ("Giáo dục", "giao-duc"),
    ("Y tế", "y-te"),
    ("Tài nguyên – Môi trường", "tai-nguyen-moi-truong"),
    ("Giao thông – Vận tải", "giao-thong-van-tai"),
    ("Hôn nhân – Gia đình", "hon-nhan-gia-dinh"),
    ("Dân sự", "dan-su"),
    ("Hình sự", "hinh-su"),
    ("Xử lý vi phạm hành chính", "xu-ly-vi-pham-hanh-chinh"),
    ("Hộ tịch – Cư trú", "ho-tich-cu-tru"),
    ("Phòng, chống tham nhũng", "phong-chong-tham-nhung"),
    ("An ninh – Trật tự", "an-ninh-trat-tu"),
    ("Nông nghiệp", "nong-nghiep"),
    ("Văn hóa – Xã hội", "van-hoa-xa-hoi"),
    ("Phổ biến, giáo dục pháp luật", "pho-bien-giao-duc-phap-luat"),
]
