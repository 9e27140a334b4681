"""Screens of public participation, one module per sub-domain, mirroring services/ and models/.

messages (public pages of 咨询留言 and 网民纠错) with messages_staff (their staff queues), solicitations
(意见征集), surveys (问卷调查) and hotline (12345 work orders); each module holds the sub-domain's public
pages and its staff screens under /staff/interaction/.
"""
